import Testing
import EIDNode

@Suite struct UploadChunkSizerTests {
    @Test func slowStartDoublesToTheMaximumOnACleanLink() {
        let sizer = UploadChunkSizer()
        #expect(sizer.size == 64 * 1024)
        var sizes: [Int] = []
        for _ in 0..<7 {
            sizer.chunkSucceeded(bytes: sizer.size, seconds: 0.01)
            sizes.append(sizer.size / 1024)
        }
        #expect(sizes == [128, 256, 512, 1024, 2048, 2048, 2048])
    }

    @Test func aLossHalvesAndGrowthIsThenGentle() {
        let sizer = UploadChunkSizer()
        for _ in 0..<5 { sizer.chunkSucceeded() }
        #expect(sizer.size == 2 << 20)
        sizer.chunkFailed()
        #expect(sizer.size == 1 << 20)
        sizer.chunkSucceeded()
        #expect(sizer.size == (1 << 20) + (1 << 16), "after a loss: a sixteenth more, no more doubling")
        for _ in 0..<20 { sizer.chunkFailed() }
        #expect(sizer.size == 4096, "never below the minimum")
        sizer.chunkSucceeded()
        #expect(sizer.size == 8192, "at least the minimum more")
    }

    @Test func aSlowLinkGetsRequestsOfAboutFiveSeconds() {
        let sizer = UploadChunkSizer()
        // 64 KiB took 16 s: 4 KiB/s, a 2G link. The next request carries about 5 s of it.
        sizer.chunkSucceeded(bytes: 64 * 1024, seconds: 16)
        #expect(sizer.size == 20 * 1024)
        // Never below the minimum, however slow.
        sizer.chunkSucceeded(bytes: 1000, seconds: 100)
        #expect(sizer.size == 4096)
    }
}
