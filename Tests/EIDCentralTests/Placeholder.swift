import Testing

@Test func centralPlaceholder() { #expect(Bool(true)) }
