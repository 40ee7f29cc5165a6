import ArgumentParser
import PetitionCore

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The log file (else $XINFANG_LOG, else the office folder when installed, else $XDG_DATA_HOME or ~/.local/share, /xinfang/xinfang.log).")
    var log: String?

    @Option(name: .long, help: "The simulated time, YYYY-MM-DD[THH:MM] in Beijing time (training logs only).")
    var now: String?

    @Option(name: .customLong("as"), help: "Training logs only: act as this user of the roster (default: $USER). A production log names your own account.")
    var user: String?

    @Option(name: .long, help: "zh (default) or en.")
    var lang: String = "zh"

    @Flag(name: .long, help: "Work on a training log (also XINFANG_TRAINING=1). Training and production logs never open as each other.")
    var training = false

    var language: Language { Language(rawValue: lang) ?? .zh }
}
