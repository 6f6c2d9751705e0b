import HTTP
import MLPDomain

extension Request {
    /// The `:id` of the path as a positive 64-bit integer in plain decimal, or `notFound` thrown: a malformed
    /// id names no resource, so it is answered like one that does not exist.
    func resourceID(orThrow notFound: DomainError) throws -> Int64 {
        guard let text = parameters["id"], let id = Int64(text), id > 0, text.first != "+" else { throw notFound }
        return id
    }
}
