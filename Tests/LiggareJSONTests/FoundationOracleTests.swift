import Foundation
import LiggareJSON
import Testing

/// Decoded values compared with Foundation's JSONSerialization (an independent implementation) on the y_ files.
@Suite("Values agree with Foundation")
struct FoundationOracleTests {
    /// Whether `mine` has the same structure, strings and numbers as Foundation's `theirs`.
    private func same(_ mine: JSONValue, _ theirs: Any) -> Bool {
        switch mine {
        case .null:
            return theirs is NSNull
        case .bool(let bool):
            return (theirs as? NSNumber)?.boolValue == bool
        case .number(let number):
            guard let mineDouble = number.doubleValue, let theirDouble = (theirs as? NSNumber)?.doubleValue else {
                return false
            }
            return mineDouble == theirDouble || abs(mineDouble - theirDouble) <= abs(mineDouble) * 1e-15
        case .string(let string):
            guard let theirString = theirs as? String else { return false }
            return Array(string.unicodeScalars) == Array(theirString.unicodeScalars)
        case .array(let elements):
            guard let theirElements = theirs as? [Any], theirElements.count == elements.count else { return false }
            return zip(elements, theirElements).allSatisfy { same($0, $1) }
        case .object(let object):
            guard let theirObject = theirs as? [String: Any], theirObject.count == object.count else { return false }
            return object.members.allSatisfy { member in theirObject[member.key].map { same(member.value, $0) } ?? false }
        }
    }

    @Test("every y_ file without duplicate keys decodes to what Foundation decodes", arguments: TestSuiteFiles.accepted)
    func agreesWithFoundation(_ name: String) throws {
        // Foundation keeps only one member of a duplicated key, so those two files cannot be compared.
        guard !name.hasPrefix("y_object_duplicated_key") else { return }
        let bytes = try TestSuiteFiles.bytes(name)
        let mine = try JSONReader.parse(bytes)
        let theirs = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        #expect(same(mine, theirs), "\(name)")
    }
}
