/// A failure while loading or running a model, with a stable code and a readable message.
public struct InferenceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Stable failure kinds; new codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        /// The model file is not valid ONNX or is inconsistent.
        public static let invalidModel = Code(name: "invalidModel")
        /// The model uses an operator, attribute or opset this engine does not support.
        public static let unsupported = Code(name: "unsupported")
        /// Tensor shapes do not fit an operator or the declared input.
        public static let shapeMismatch = Code(name: "shapeMismatch")
        /// The caller passed inputs that do not match the network.
        public static let invalidInput = Code(name: "invalidInput")
        /// oneDNN refused a primitive or an execution.
        public static let backend = Code(name: "backend")
        /// A model folder or manifest is missing or malformed.
        public static let invalidManifest = Code(name: "invalidManifest")
        /// The model file does not match the checksum in its manifest.
        public static let checksumMismatch = Code(name: "checksumMismatch")
        /// No model with the requested name is loaded.
        public static let modelNotFound = Code(name: "modelNotFound")
        /// Readable name of the code.
        public var description: String { name }
    }

    /// What went wrong, as a stable code.
    public let code: Code
    /// Human-readable details (node name, op type, shapes ...).
    public let message: String

    /// Creates an error with a code and a message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}
