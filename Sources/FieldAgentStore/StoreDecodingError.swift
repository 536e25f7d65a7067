/// A structural problem found while decoding a file, before the file name is known.
///
/// Converted to ``StoreError/corrupt(file:offset:reason:)`` by the code that read the file.
struct StoreDecodingError: Error {
    /// Absolute byte offset in the file.
    var offset: Int
    /// What is wrong there, without any payload contents.
    var reason: String

    func inFile(_ file: String) -> StoreError {
        .corrupt(file: file, offset: offset, reason: reason)
    }
}
