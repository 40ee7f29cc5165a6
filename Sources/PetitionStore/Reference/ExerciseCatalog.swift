import Foundation
import PetitionCore

/// An exercise as its file holds it: the exercise, and the petition JSON of each seed
/// registration (by its place in `seed`), which `xinfang register`'s reader takes.
package struct ExerciseFile: Sendable {
    package var exercise: Exercise
    package var registrations: [Int: Data]
}

/// The exercises of `data/exercises/` (docs/training.md), in their order.
package enum ExerciseCatalog {
    package static func load(from dataFolder: String) throws(StoreError) -> [ExerciseFile] {
        let folder = (dataFolder as NSString).appendingPathComponent("exercises")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        var files: [ExerciseFile] = []
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else { throw StoreError(.dataMissing, path: path) }
            do {
                let exercise = try JSONDecoder().decode(Exercise.self, from: data)
                guard exercise.id + ".json" == name else {
                    throw StoreError(.badData, path: path, cause: "its id \"\(exercise.id)\" is not its file's name")
                }
                if let today = exercise.today, Day(iso: today) == nil {
                    throw StoreError(.badData, path: path, cause: "its today \"\(today)\" is not a date (YYYY-MM-DD)")
                }
                for (i, step) in exercise.seed.enumerated() {
                    guard (step.day == nil) != (step.date == nil), step.date.map({ Day(iso: $0) != nil }) ?? true else {
                        throw StoreError(.badData, path: path, cause: "seed \(i + 1) needs a day or a date (YYYY-MM-DD), not both")
                    }
                    if let date = step.date.flatMap({ Day(iso: $0) }), let today = exercise.setOn, date > today {
                        throw StoreError(.badData, path: path, cause: "seed \(i + 1) is dated after the exercise's today")
                    }
                }
                var registrations: [Int: Data] = [:]
                let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
                for (i, step) in ((object?["seed"] as? [[String: Any]]) ?? []).enumerated() {
                    if let petition = step["register"] {
                        registrations[i] = try JSONSerialization.data(withJSONObject: petition)
                    } else if step["action"] == nil {
                        throw StoreError(.badData, path: path, cause: "seed \(i + 1) neither registers nor acts")
                    }
                }
                files.append(ExerciseFile(exercise: exercise, registrations: registrations))
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError(.badData, path: path, cause: "\(error)")
            }
        }
        return files.sorted { ($0.exercise.order, $0.exercise.id) < ($1.exercise.order, $1.exercise.id) }
    }
}
