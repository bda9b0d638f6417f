/// A rejection found by ``JSONScanner``: a byte offset and a message, before the line and column are computed.
struct ScanFailure: Error {
    /// The byte offset of the problem from the start of the input.
    var offset: Int
    /// What was found and what was expected.
    var message: String

    /// Converts the failure to a public ``JSONError`` by computing its line and column in `input`.
    func jsonError(in input: UnsafeRawBufferPointer) -> JSONError {
        JSONError(offset: offset, message: message, in: input)
    }
}
