/// Everything a run needs that is decided at load: steps, arena layout, input and output bindings.
/// Shared read-only by all concurrent runs.
final class ExecutionPlan: Sendable {
    /// A graph input or output and where its plain data lives.
    struct Binding: @unchecked Sendable {
        let name: String
        let shape: [Int]
        let operand: Operand
    }

    let steps: [PlanStep]
    let offsets: [Int]
    let arenaBytes: Int
    let scratchpadBytes: Int
    let inputs: [Binding]
    let outputs: [Binding]
    let threads: Int

    init(
        steps: [PlanStep], offsets: [Int], arenaBytes: Int, scratchpadBytes: Int,
        inputs: [Binding], outputs: [Binding], threads: Int
    ) {
        self.steps = steps
        self.offsets = offsets
        self.arenaBytes = arenaBytes
        self.scratchpadBytes = scratchpadBytes
        self.inputs = inputs
        self.outputs = outputs
        self.threads = threads
    }
}
