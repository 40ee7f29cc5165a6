import ArgumentParser
import Foundation

// `xinfang act [CASE] ACTION --help` prints that action's fields and article; the
// argument parser would otherwise answer with the help of `act` itself.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "act", arguments.contains("--help") || arguments.contains("-h"),
   let action = arguments.dropFirst().first(where: { ActCommand.isAction($0) }) {
    ActCommand.printHelp(action: action, arguments: arguments)
} else {
    var command: any ParsableCommand
    do {
        command = try Xinfang.parseAsRoot(arguments)
    } catch {
        // Help and --version exit as the parser prints them; a refused command line is one line.
        if Xinfang.exitCode(for: error) == .success { Xinfang.exit(withError: error) }
        FileHandle.standardError.write(Data(("xinfang: " + ParseFailure.line(for: error, arguments: arguments) + "\n").utf8))
        Xinfang.exit(withError: ExitCode(64))
    }
    do {
        try command.run()
        Xinfang.exit()
    } catch {
        Xinfang.exit(withError: error)
    }
}
