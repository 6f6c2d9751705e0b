import Testing

/// The seeded choices of one fuzz case, shared by the fuzz tests of every test target: a type holding the case's
/// ``SplitMix64`` gets these draws and the byte-level mutation.
public protocol FuzzCase {
    var generator: SplitMix64 { get set }
}

extension FuzzCase {
    public mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
    public mutating func chance(_ numerator: Int, in denominator: Int) -> Bool { int(1...denominator) <= numerator }
    public mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    /// One to four byte overwrites, bit flips, truncations, deletions (up to `maxDeletion` bytes), duplications
    /// (up to `maxDuplication` bytes) or insertions of what `insertion` draws (nil: that step does nothing).
    public mutating func mutate(
        _ input: [UInt8], maxDeletion: Int, maxDuplication: Int, insertion: (inout Self) -> ArraySlice<UInt8>?
    ) -> [UInt8] {
        var bytes = input
        for _ in 0..<int(1...4) {
            let position = int(0...bytes.count)
            switch int(0...6) {
            case 0 where !bytes.isEmpty:
                bytes[min(position, bytes.count - 1)] = UInt8.random(in: 0...255, using: &generator)
            case 1 where !bytes.isEmpty:
                bytes[min(position, bytes.count - 1)] ^= 1 << UInt8(int(0...7))
            case 2:
                bytes.removeSubrange(position...)
            case 3:
                bytes.removeSubrange(position..<min(bytes.count, position + int(1...maxDeletion)))
            case 4:
                let end = min(bytes.count, position + int(1...maxDuplication))
                bytes.insert(contentsOf: Array(bytes[position..<end]), at: int(0...bytes.count))
            default:
                if let inserted = insertion(&self) { bytes.insert(contentsOf: inserted, at: position) }
            }
        }
        return bytes
    }
}

/// Records at most a few failures of a fuzz loop, each with the case that caused it.
public struct FuzzFailures {
    public private(set) var count = 0

    public init() {}

    public var tooMany: Bool { count >= 10 }

    public mutating func check(
        _ condition: Bool, _ message: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard !condition else { return }
        count += 1
        if count <= 10 { Issue.record(Comment(rawValue: message()), sourceLocation: sourceLocation) }
    }
}
