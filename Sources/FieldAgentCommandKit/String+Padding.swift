extension String {
    /// The text right-aligned in `width` columns (unchanged when it is already as wide).
    public func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }

    /// The text left-aligned in `width` columns (unchanged when it is already as wide).
    public func rightPadded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
