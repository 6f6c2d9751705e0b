import MLPDomain
import Testing

@Suite struct PunycodeTests {
    /// Samples from RFC 3492 section 7.1 and well-known domain labels.
    @Test(arguments: [
        ("bücher", "bcher-kva"),
        ("münchen", "mnchen-3ya"),
        ("他们为什么不说中文", "ihqwcrb4cv8a8dqg056pqjye"),
        ("3年B組金八先生", "3B-ww4c5e180e575a65lsy2b"),
        ("PorquénopuedensimplementehablarenEspañol", "PorqunopuedensimplementehablarenEspaol-fmd56a"),
        ("abc", "abc-"),
    ])
    func encodesAndDecodes(unicode: String, ascii: String) {
        #expect(Punycode.encode(unicode) == ascii)
        #expect(Punycode.decode(ascii) == unicode)
    }

    @Test(arguments: ["zz", "bcher-kv!", "99999999999999", "bcher-kvä"])
    func refusesInvalidInput(input: String) {
        #expect(Punycode.decode(input) == nil)
    }
}
