import ArgumentParser
import Foundation
import PetitionCore
import PetitionStore

/// `xinfang organs`: the organ directory.
struct OrgansCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "organs", abstract: "机关名录 — the organ directory.")

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        try Session.run(options) { session in
            let dir = session.reference.directory
            if json {
                Output.printJSON(dir.organs)
                return
            }
            let zh = session.language == .zh
            Output.printTable(zh ? ["代码", "名称", "层级", "类型", "上一级"] : ["code", "name", "level", "type", "superior"],
                              dir.organs.map { o in
                                  [o.code, o.name(session.language), o.level.rawValue, o.type.rawValue, o.superior ?? "—"]
                              })
        }
    }
}

/// `xinfang categories`: the petition subject taxonomy.
struct CategoriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "categories", abstract: "问题类别 — the subject taxonomy.")

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        try Session.run(options) { session in
            let list = session.reference.categories.categories
            if json {
                Output.printJSON(list)
                return
            }
            Output.printTable(session.language == .zh ? ["代码", "名称"] : ["code", "name"],
                              list.map { [$0.code, $0.name(session.language)] })
        }
    }
}
