//! Danish words as the site compares them, the same for the search index and for defined
//! terms: lowercase, `aa` → `å`, accents removed (Danish letters kept).

/// Lowercase, `aa` → `å`, accents removed (Danish letters kept): what both sides compare.
pub fn fold(word: &str) -> String {
    let lower = word.to_lowercase().replace("aa", "å");
    lower
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'á' | 'à' | 'â' => 'a',
            'ó' | 'ò' | 'ô' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ä' => 'æ',
            'ö' => 'ø',
            other => other,
        })
        .collect()
}
