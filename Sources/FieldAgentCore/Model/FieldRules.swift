/// The rules each portfolio field must satisfy, shared by import, `customer set` and the server's change validation.
///
/// Each check returns nil when the value is fine, or a short problem text that never quotes the value.
public enum FieldRules {
    public static let maxNameLength = 200
    public static let maxTextLength = 2000
    public static let maxIdLength = 64
    /// UTF-8 bytes allowed per character of a length limit: any one Unicode scalar fits in 4, so
    /// honest text always passes, while one "character" of a million combining marks does not.
    public static let bytesPerCharacter = 4

    /// Ids are 1–64 characters of letters, digits, `.`, `_` and `-`.
    public static func id(_ s: String) -> String? {
        guard !s.isEmpty else { return "must not be empty" }
        guard s.utf8.count <= maxIdLength else { return "longer than \(maxIdLength) characters" }
        let ok = s.utf8.allSatisfy { c in
            (48...57).contains(c) || (65...90).contains(c) || (97...122).contains(c) || c == 45 || c == 46 || c == 95
        }
        return ok ? nil : "may contain only letters, digits, '.', '_' and '-'"
    }

    /// A name: 1 to 200 characters (and at most 800 UTF-8 bytes), no control characters.
    public static func name(_ s: String) -> String? {
        if s.trimmingSpaces.isEmpty { return "must not be empty" }
        return length(s, limit: maxNameLength) ?? controlCharacters(s)
    }

    /// Free text: up to 2,000 characters (and at most 8,000 UTF-8 bytes), no control characters
    /// other than newline and tab.
    public static func text(_ s: String) -> String? {
        length(s, limit: maxTextLength) ?? controlCharacters(s, allowNewlines: true)
    }

    /// A limit counts characters (extended grapheme clusters) and, at ``bytesPerCharacter`` each, UTF-8 bytes.
    static func length(_ s: String, limit: Int) -> String? {
        if s.utf8.count > limit * bytesPerCharacter { return "longer than \(limit * bytesPerCharacter) bytes" }
        return s.count > limit ? "longer than \(limit) characters" : nil
    }

    /// E.164: `+` and 7 to 15 digits; spaces and dashes are not allowed.
    public static func phone(_ s: String) -> String? {
        let b = Array(s.utf8)
        guard b.first == UInt8(ascii: "+"), (8...16).contains(b.count),
            b.dropFirst().allSatisfy({ (48...57).contains($0) })
        else { return "not a phone number in E.164 form (+ and 7 to 15 digits)" }
        return nil
    }

    public static func email(_ s: String) -> String? {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), s.count <= 254, !s.contains(" ")
        else { return "not an email address" }
        return nil
    }

    /// ISO 639-1 or 639-2 language code, lower case.
    public static func language(_ s: String) -> String? {
        (2...3).contains(s.utf8.count) && s.utf8.allSatisfy({ (97...122).contains($0) })
            ? nil : "not a language code (e.g. fi, en)"
    }

    /// An IANA zone name known to the time-zone database, checked by `isKnownZone`.
    public static func timeZone(_ s: String, isKnownZone: (String) -> Bool) -> String? {
        isKnownZone(s) ? nil : "not an IANA time zone (e.g. Europe/Helsinki)"
    }

    /// ISO 4217: three upper-case letters.
    public static func currency(_ s: String) -> String? {
        s.utf8.count == 3 && s.utf8.allSatisfy({ (65...90).contains($0) }) ? nil : "not an ISO 4217 currency code"
    }

    static func controlCharacters(_ s: String, allowNewlines: Bool = false) -> String? {
        for scalar in s.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7F {
            if allowNewlines, scalar == "\n" || scalar == "\t" { continue }
            return "contains control characters"
        }
        return nil
    }
}

extension String {
    var trimmingSpaces: Substring {
        var s = self[...]
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return s
    }
}
