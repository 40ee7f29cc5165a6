import ArgumentParser

// `xinfang act [CASE] ACTION --help` prints that action's fields and article; the
// argument parser would otherwise answer with the help of `act` itself.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "act", arguments.contains("--help") || arguments.contains("-h"),
   let action = arguments.dropFirst().first(where: { ActCommand.isAction($0) }) {
    ActCommand.printHelp(action: action, arguments: arguments)
} else {
    Xinfang.main()
}
