/// The login form of a shared server: the token from `dragoman user add`, exchanged for
/// a session cookie (the token itself is not kept, only its hash, in the session).
enum LoginPage {
    static func render(next: String, error: String?) -> HTML {
        let message: HTML = error.map { "<p class=\"error\" role=\"alert\">\($0)</p>" } ?? ""
        let main: HTML = """
            \(message)
            <form method="post" action="/login" class="login">
            <input type="hidden" name="next" value="\(next)">
            <label for="token">Your token (from <code>dragoman user add</code>)</label>
            <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
            <button type="submit">Log in</button>
            </form>
            <p class="hint">The token is sent once; the page then keeps a session cookie (HttpOnly, SameSite=Strict) that ends after 12 idle hours, at logout, or when the server restarts.</p>
            """
        return PageLayout(title: "Log in", tab: nil, viewer: nil).render(main)
    }
}
