import LiggareJSON

/// The result of one reader entry point on one input, in a form that can be compared across entry points.
enum Outcome: Equatable, CustomStringConvertible {
    /// The input was accepted.
    case accepted
    /// The input was rejected with this error.
    case rejected(JSONError)

    /// The outcome of `parse`.
    static func parse(_ bytes: [UInt8], _ options: JSONReadOptions) -> Outcome {
        do {
            _ = try JSONReader.parse(bytes, options: options)
            return .accepted
        } catch {
            return .rejected(error)
        }
    }

    /// The outcome of `validate`.
    static func validate(_ bytes: [UInt8], _ options: JSONReadOptions) -> Outcome {
        do {
            try JSONReader.validate(bytes, options: options)
            return .accepted
        } catch {
            return .rejected(error)
        }
    }

    /// The outcome of `scanTopLevelObject`.
    static func scan(_ bytes: [UInt8], _ options: JSONReadOptions) -> Outcome {
        do {
            try JSONReader.scanTopLevelObject(bytes, options: options) { _, _, _ in }
            return .accepted
        } catch {
            return .rejected(error)
        }
    }

    /// The error, if the input was rejected.
    var error: JSONError? {
        if case .rejected(let error) = self {
            return error
        }
        return nil
    }

    /// "accepted" or the error's description.
    var description: String {
        switch self {
        case .accepted: return "accepted"
        case .rejected(let error): return "rejected: \(error)"
        }
    }
}
