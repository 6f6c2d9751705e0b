import Foundation

/// A Swift type a result column can be decoded into.
public protocol SQLDecodable {
    /// The value converted from a column value, or `nil` when the column's value cannot represent it.
    static func decode(from value: SQLValue) -> Self?
}

extension SQLValue: SQLDecodable {
    public static func decode(from value: SQLValue) -> SQLValue? { value }
}

extension Int64: SQLDecodable {
    public static func decode(from value: SQLValue) -> Int64? {
        switch value {
        case .int(let v): v
        case .uint(let v): Int64(exactly: v)
        default: nil
        }
    }
}

extension Int: SQLDecodable {
    public static func decode(from value: SQLValue) -> Int? { Int64.decode(from: value).flatMap { Int(exactly: $0) } }
}

extension Int32: SQLDecodable {
    public static func decode(from value: SQLValue) -> Int32? { Int64.decode(from: value).flatMap { Int32(exactly: $0) } }
}

extension UInt64: SQLDecodable {
    public static func decode(from value: SQLValue) -> UInt64? {
        switch value {
        case .uint(let v): v
        case .int(let v): UInt64(exactly: v)
        default: nil
        }
    }
}

extension Double: SQLDecodable {
    public static func decode(from value: SQLValue) -> Double? {
        switch value {
        case .double(let v): v
        case .int(let v): Double(v)
        case .uint(let v): Double(v)
        default: nil
        }
    }
}

extension String: SQLDecodable {
    public static func decode(from value: SQLValue) -> String? {
        if case .string(let v) = value { v } else { nil }
    }
}

extension Array: SQLDecodable where Element == UInt8 {
    public static func decode(from value: SQLValue) -> [UInt8]? {
        if case .bytes(let v) = value { v } else { nil }
    }
}

extension Data: SQLDecodable {
    public static func decode(from value: SQLValue) -> Data? {
        if case .bytes(let v) = value { Data(v) } else { nil }
    }
}

extension Bool: SQLDecodable {
    public static func decode(from value: SQLValue) -> Bool? {
        switch value {
        case .bool(let v): v
        case .int(let v): v != 0
        case .uint(let v): v != 0
        default: nil
        }
    }
}

extension Date: SQLDecodable {
    public static func decode(from value: SQLValue) -> Date? {
        if case .date(let v) = value { v } else { nil }
    }
}

extension Optional: SQLDecodable where Wrapped: SQLDecodable {
    public static func decode(from value: SQLValue) -> Wrapped?? {
        if case .null = value { return .some(nil) }
        return Wrapped.decode(from: value).map { .some($0) }
    }
}
