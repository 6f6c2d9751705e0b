import CFastCGI

/// Process-wide memory settings for a long-running server.
public enum ProcessMemory {
    /// Serves every allocation of at least `bytes` from its own mapping, returned to the system when freed.
    ///
    /// glibc starts with such a threshold but raises it after the first large free, after which large
    /// buffers (password hashes, pictures, request bodies) stay in per-thread arenas and the resident size
    /// grows with the number of worker threads. A fixed threshold keeps it flat. Returns false if refused.
    @discardableResult
    public static func returnAllocationsToSystem(atLeast bytes: Int) -> Bool {
        CFastCGI_set_mmap_threshold(Int32(clamping: bytes)) == 1
    }
}
