import Hummingbird

/// Headers on every response, pages and API alike: a Content-Security-Policy that allows
/// only the server's own scripts, styles, images and fetches (no inline script, no inline
/// style, no plug-ins, no framing, no `<base>`; forms post only here), `nosniff` so a
/// JSON or text answer is never run as script, and no Referer leaving the page (document
/// and query text would otherwise travel in it). They cover errors and the
/// router's not-found answer too: `APIResponder`, outermost, applies them to every answer.
enum SecurityHeaders {
    static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

    static func apply(to headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[HTTPFields.Element.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPFields.Element.Name("Referrer-Policy")!] = "no-referrer"
        headers[HTTPFields.Element.Name("X-Frame-Options")!] = "DENY"
    }
}
