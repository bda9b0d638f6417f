/// An open container while ``JSONWriter`` serialises without recursion: the container's contents and the index
/// of the next element or member to write.
enum WriterFrame {
    /// An array and the index of its next element.
    case array([JSONValue], next: Int)
    /// An object's members and the index of the next member.
    case object([(key: String, value: JSONValue)], next: Int)
}
