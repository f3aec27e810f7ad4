extension String {
    /// Full-width ASCII (`０-９`, `Ａ-ｚ`, `／`, `－` …, as typed with a Japanese IME) folded to
    /// half-width, so numbers, dates and codes compare the same however they were typed.
    public var halfWidthASCII: String {
        guard unicodeScalars.contains(where: { (0xFF01...0xFF5E).contains($0.value) }) else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.map { scalar in
            (0xFF01...0xFF5E).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFEE0)! : scalar
        }))
    }
}
