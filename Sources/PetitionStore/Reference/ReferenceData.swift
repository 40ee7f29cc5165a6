import Foundation
import PetitionCore

/// The reference data the core is given: directory, taxonomy, articles, roles, calendar.
/// Loaded from the `data/` folder; the core itself reads no files.
package struct ReferenceData: Sendable {
    package var directory: Directory
    package var categories: CategoryList
    package var articles: ArticleCatalog
    package var policy: RolePolicy
    package var calendar: HolidayCalendar
    package var folder: String
    /// The document templates of `data/templates/` (issue 15): read here, rendered by
    /// `PetitionDocuments`, which reads no file.
    package var templates = DocumentTemplates()

    /// Loads every file of a data folder.
    package static func load(from folder: String) throws(StoreError) -> ReferenceData {
        func read(_ name: String) throws(StoreError) -> Data {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw StoreError(.dataMissing, path: path)
            }
            return data
        }
        func decode<T>(_ name: String, _ make: (Data) throws -> T) throws(StoreError) -> T {
            let data = try read(name)
            do { return try make(data) } catch {
                throw StoreError(.badData, path: (folder as NSString).appendingPathComponent(name), cause: "\(error)")
            }
        }
        let holidayDir = (folder as NSString).appendingPathComponent("holidays")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: holidayDir)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
        var notices: [HolidayNotice] = []
        for file in files {
            notices.append(try decode("holidays/\(file)", HolidayCalendar.notice(from:)))
        }
        return ReferenceData(directory: try decode("organs.json", Directory.init(json:)),
                             categories: try decode("categories.json", CategoryList.init(json:)),
                             articles: try decode("regulation.json", ArticleCatalog.init(json:)),
                             policy: try decode("roles.json", RolePolicy.init(json:)),
                             calendar: HolidayCalendar(notices: notices),
                             folder: folder,
                             templates: try templates(in: folder))
    }

    /// Every `.mustache` file under `templates/`, by its path without the extension.
    static func templates(in folder: String) throws(StoreError) -> DocumentTemplates {
        let root = (folder as NSString).appendingPathComponent("templates")
        var texts: [String: String] = [:]
        for language in ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted() {
            let dir = (root as NSString).appendingPathComponent(language)
            for file in ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
            where file.hasSuffix(".mustache") {
                let path = (dir as NSString).appendingPathComponent(file)
                guard let data = FileManager.default.contents(atPath: path),
                      let text = String(data: data, encoding: .utf8) else {
                    throw StoreError(.badData, path: path, cause: "not UTF-8 text")
                }
                texts["\(language)/\(file.dropLast(".mustache".count))"] = text
            }
        }
        return DocumentTemplates(texts: texts)
    }

    /// Finds the data folder: `$XINFANG_DATA`, else a `data/` beside or above the
    /// executable (a build tree), else `data/` under the current directory.
    package static func locate(environment: [String: String], executable: String,
                               currentDirectory: String) -> String {
        if let explicit = environment["XINFANG_DATA"], !explicit.isEmpty { return explicit }
        // A relative path (`./xinfang`, or a bare name found on PATH) is taken from the
        // current folder: walking up "." reaches "", whose parent Foundation traps on.
        let absolute = executable.hasPrefix("/") ? executable
            : (currentDirectory as NSString).appendingPathComponent(executable)
        var dir = (absolute as NSString).deletingLastPathComponent
        for _ in 0..<8 where dir.hasPrefix("/") {
            let candidate = (dir as NSString).appendingPathComponent("data")
            if FileManager.default.fileExists(atPath: (candidate as NSString).appendingPathComponent("regulation.json")) {
                return candidate
            }
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir { break }
            dir = parent
        }
        return (currentDirectory as NSString).appendingPathComponent("data")
    }
}
