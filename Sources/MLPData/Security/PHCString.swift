/// The parts of an Argon2 PHC string that decide whether it must be re-hashed.
struct PHCString {
    var algorithm: String
    var version: Int
    var memoryKiB: UInt32
    var iterations: UInt32
    var parallelism: UInt32
    var saltLength: Int
    var hashLength: Int

    /// Parses `$argon2id$v=19$m=19456,t=2,p=1$<salt b64>$<hash b64>`; nil when it is not of that shape.
    init?(_ text: String) {
        let fields = text.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0].isEmpty, fields[2].hasPrefix("v="),
              let version = Int(fields[2].dropFirst(2))
        else { return nil }
        var costs: [Substring: UInt32] = [:]
        for pair in fields[3].split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let value = UInt32(parts[1]) else { return nil }
            costs[parts[0]] = value
        }
        guard let memory = costs["m"], let iterations = costs["t"], let parallelism = costs["p"] else { return nil }
        algorithm = String(fields[1])
        self.version = version
        memoryKiB = memory
        self.iterations = iterations
        self.parallelism = parallelism
        // Unpadded base64: every 4 characters carry 3 bytes.
        saltLength = fields[4].utf8.count * 3 / 4
        hashLength = fields[5].utf8.count * 3 / 4
    }
}
