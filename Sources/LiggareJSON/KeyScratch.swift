/// The rarely needed state of a ``DuplicateKeyTracker``: hash indexes for large objects and buffers for
/// decoding escaped keys. Kept behind one optional reference, created on first use, so that scanning ordinary
/// input never touches reference counts.
final class KeyScratch {
    /// Hash indexes for the open objects that have many keys, innermost last.
    var tables: [KeyTable] = []
    /// A buffer for decoding an escaped key.
    var scratch: [UInt8] = []
    /// A second buffer, for comparing two escaped keys.
    var otherScratch: [UInt8] = []
}
