import Testing

@Test func EIDBiometricsTestsPlaceholder() { #expect(Bool(true)) }
