import Testing

@Test func EIDStorageTestsPlaceholder() { #expect(Bool(true)) }
