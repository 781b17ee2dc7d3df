// Not a timed test: prints the token request round trip through the host's bridge (Rust emits
// onAccessTokenRequest to Swift, Swift answers with resolveAccessTokenRequest), as measured by the
// core: the path of every refresh in the React Native shim, minus JS.
import Foundation
import IapiCore
import XCTest

final class BenchmarkTests: EmulatorTestCase {
    func testHostRoundTripBenchmark() async throws {
        let events = RecordingEvents()
        let host = makeHost(events)
        // Answered synchronously, inside the event, on the core's thread. Weak: the host holds
        // these events.
        events.onRequest.update {
            $0 = { [weak host] request in host?.resolveAccessTokenRequest(requestId: request.requestId, accessToken: "token") }
        }
        _ = try await host.measureTokenRequestRoundTrips(iterations: 500) // warm up
        let stats = try await host.measureTokenRequestRoundTrips(iterations: 10_000)
        XCTAssertEqual(stats.iterations, 10_000)
        XCTAssertEqual(events.requests.count, 10_500, "one onAccessTokenRequest per round trip")
        XCTAssertLessThanOrEqual(stats.p50Ns, stats.p99Ns)
        XCTAssertLessThanOrEqual(stats.p99Ns, stats.maxNs)
        print(String(format: "BENCH swift host round trip (10000 iterations): p50 %.1f us, p99 %.1f us, max %.1f us",
                     Double(stats.p50Ns) / 1000, Double(stats.p99Ns) / 1000, Double(stats.maxNs) / 1000))
        await assertIapiError("INVALID_ARGUMENT") { try await host.measureTokenRequestRoundTrips(iterations: 0) }
    }
}
