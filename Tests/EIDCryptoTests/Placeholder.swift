import Testing

@Test func EIDCryptoTestsPlaceholder() { #expect(Bool(true)) }
