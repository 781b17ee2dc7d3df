// Not a timed test: prints the Rust -> Swift -> Rust provider round trip, as measured by the core.
import Foundation
import IapiCore
import XCTest

final class BenchmarkTests: XCTestCase {
    func testProviderRoundTripBenchmark() async throws {
        let provider = TestProvider { _ in "token" }
        _ = try await measureProviderRoundTrips(provider: provider, iterations: 500) // warm up
        let stats = try await measureProviderRoundTrips(provider: provider, iterations: 10_000)
        XCTAssertEqual(stats.iterations, 10_000)
        XCTAssertLessThanOrEqual(stats.p50Ns, stats.p99Ns)
        XCTAssertLessThanOrEqual(stats.p99Ns, stats.maxNs)
        print(String(format: "BENCH swift provider round trip (10000 iterations): p50 %.1f us, p99 %.1f us, max %.1f us",
                     Double(stats.p50Ns) / 1000, Double(stats.p99Ns) / 1000, Double(stats.maxNs) / 1000))
        await assertIapiError("INVALID_ARGUMENT") { try await measureProviderRoundTrips(provider: provider, iterations: 0) }
    }
}
