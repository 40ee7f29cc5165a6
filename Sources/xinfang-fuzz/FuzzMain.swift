import Foundation
import PetitionStore

// libFuzzer entry point (`make fuzz` builds this with -sanitize=fuzzer -DFUZZING).
// The target is chosen by XINFANG_FUZZ_TARGET: frame, scan, payload or snapshot.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let target = ProcessInfo.processInfo.environment["XINFANG_FUZZ_TARGET"] ?? "payload"
    _ = FuzzTargets.run(target, Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

/// The package's executable entry point hands over to libFuzzer's driver.
@main
struct FuzzDriver {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv, fuzzOne))
    }
}
#else
/// Without the fuzzer: replays corpus folders (`xinfang-fuzz TARGET DIR...`).
@main
struct CorpusReplay {
    static func main() {
        let args = CommandLine.arguments
        guard args.count >= 3 else {
            print("usage: xinfang-fuzz frame|scan|payload DIR...")
            exit(64)
        }
        var count = 0
        for dir in args.dropFirst(2) {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
                guard let data = FileManager.default.contents(atPath: dir + "/" + name) else { continue }
                _ = FuzzTargets.run(args[1], Array(data))
                count += 1
            }
        }
        print("replayed \(count) inputs")
    }
}
#endif
