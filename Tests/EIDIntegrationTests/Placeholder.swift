import Testing

@Test func EIDIntegrationTestsPlaceholder() { #expect(Bool(true)) }
