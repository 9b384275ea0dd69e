/// Function words of Arabic and English news on match keys: prepositions, conjunctions,
/// articles, pronouns, auxiliaries, particles and a few very common adverbs.
///
/// Used where a span made of them alone would be noise: fragment recall (a phrase of
/// function words is grammar, not something the TM knows), term extraction and the
/// evaluation's "only function words" rule. A short, hand-kept list in the manner of
/// Okapi's and Translate Toolkit's stop lists; clitics attached to content words are not
/// function words (وبالقدس is a word).
public enum FunctionWords {
    public static func contains(_ key: String, _ language: Language) -> Bool {
        language == .arabic ? arabic.contains(key) : english.contains(key)
    }

    /// Prepositions, which may start a phrase (في القدس, in Jerusalem).
    public static func isPreposition(_ key: String, _ language: Language) -> Bool {
        language == .arabic ? arabicPrepositions.contains(key) : englishPrepositions.contains(key)
    }

    static let arabicPrepositions: Set<String> = Set(["في", "من", "على", "إلى", "الى", "عن", "مع", "بين", "حتى", "منذ", "خلال",
                                                     "عند", "لدى", "نحو", "حول", "دون", "ضد", "عبر", "أمام", "وراء", "فوق", "تحت",
                                                     "وفي", "ومن", "وعلى", "وإلى", "وعن"].map(MatchKey.make))
    static let englishPrepositions: Set<String> = ["of", "in", "on", "at", "to", "from", "by", "for", "with", "without", "about",
                                                   "into", "over", "under", "after", "before", "between", "among", "during",
                                                   "since", "until", "through", "against", "across", "within", "around"]

    static let arabic: Set<String> = Set([
        "في", "من", "على", "إلى", "الى", "عن", "مع", "بين", "حتى", "منذ", "خلال", "عند", "لدى", "نحو", "حول", "دون",
        "ضد", "عبر", "أن", "إن", "أنّ", "إنّ", "ان", "لا", "ما", "لم", "لن", "ليس", "هل", "قد", "لقد", "وقد", "فقد", "سوف",
        "هذا", "هذه", "ذلك", "تلك", "هؤلاء", "أولئك", "هنا", "هناك", "التي", "الذي", "الذين", "اللذين", "اللتين", "اللواتي",
        "كان", "كانت", "كانوا", "يكون", "تكون", "كل", "بعض", "أي", "غير", "بعد", "قبل", "أو", "أم", "ثم", "بل", "لكن", "لكنّ",
        "و", "ف", "ب", "ل", "ك", "هو", "هي", "هم", "هن", "هما", "نحن", "أنا", "أنت", "أنتم", "إنه", "إنها", "أنه", "أنها",
        "له", "لها", "لهم", "به", "بها", "بهم", "فيه", "فيها", "منه", "منها", "عليه", "عليها", "إليه", "إليها", "عنه", "عنها",
        "كما", "حيث", "إذا", "إذ", "لو", "لأن", "كي", "أيضا", "أيضاً", "فقط", "جدا", "ذات", "أمام", "وراء", "فوق", "تحت",
        "وفي", "ومن", "وعلى", "وإلى", "وعن", "وأن", "وهو", "وهي", "ولا", "وما", "ولم", "وكان", "وكانت", "فإن", "بأن", "لأنه",
        "يا", "إلا", "الا", "سوى", "كلا", "كلتا", "مثل", "عدة", "أكثر", "أقل",
    ].map(MatchKey.make))

    static let english: Set<String> = [
        "a", "an", "the", "of", "in", "on", "at", "to", "from", "by", "for", "with", "without", "about", "into", "onto",
        "over", "under", "after", "before", "between", "among", "during", "since", "until", "through", "against", "across",
        "and", "or", "but", "nor", "so", "yet", "if", "then", "than", "as", "that", "this", "these", "those", "which", "who",
        "whom", "whose", "what", "when", "where", "while", "why", "how", "is", "are", "was", "were", "be", "been", "being",
        "am", "has", "have", "had", "do", "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might",
        "must", "it", "its", "it's", "he", "him", "his", "she", "her", "hers", "they", "them", "their", "we", "us", "our",
        "you", "your", "i", "me", "my", "not", "no", "also", "too", "very", "just", "only", "there", "here", "all", "any",
        "some", "each", "every", "both", "more", "most", "other", "such", "own", "same", "up", "down", "out", "off", "again",
        "further", "once", "s", "'s", "’s", "per", "via", "upon", "within", "around", "because", "although", "though",
    ]
}
