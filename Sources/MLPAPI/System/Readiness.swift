/// One dependency's readiness, as `/readyz` reports it.
public struct ReadinessCheck: Sendable, Equatable {
    public var name: String
    public var ready: Bool
    /// Short, non-sensitive explanation when not ready (never connection strings or credentials).
    public var detail: String?

    public init(name: String, ready: Bool, detail: String? = nil) {
        self.name = name
        self.ready = ready
        self.detail = detail
    }
}

/// Asks every dependency whether it can serve now; supplied by the composition root.
public typealias ReadinessProbe = @Sendable () -> [ReadinessCheck]
