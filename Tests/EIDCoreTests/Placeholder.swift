import Testing

@Test func EIDCoreTestsPlaceholder() { #expect(Bool(true)) }
