import PetitionCore
import Testing

/// Strict JSON input: no key slips through unknown or twice, no byte that is not UTF-8.
@Suite("Strict JSON decoding")
struct StrictJSONTests {
    /// A shape like `register`'s input: optional fields, a nested object, an array of objects.
    struct Input: Decodable, Equatable {
        struct Person: Decodable, Equatable {
            var name: String?
            var idNumber: String?
        }
        struct Group: Decodable, Equatable {
            var people: Int?
            var representatives: [Person]?
        }
        var channel: String?
        var petitioner: Person?
        var group: Group?
        var accusedOrgan: String?
    }

    func decode(_ json: String) throws(JSONInputError) -> [Input] {
        let value = try StrictJSON.parse(Array(json.utf8))
        if case .array = value { return try StrictDecoder.decode([Input].self, from: value) }
        return [try StrictDecoder.decode(Input.self, from: value)]
    }

    func problem(_ json: String) -> JSONInputError.Problem? {
        do {
            _ = try decode(json)
            return nil
        } catch {
            return error.problem
        }
    }

    @Test func aWellFormedInputDecodes() throws {
        let list = try decode(#"[{"channel":"visit","petitioner":{"name":"张\"伟\u4f1f"},"group":{"people":3,"representatives":[{"name":"李娜"}]}},{}]"#)
        #expect(list.count == 2)
        #expect(list[0].petitioner?.name == "张\"伟伟")
        #expect(list[0].group?.representatives?.first?.name == "李娜")
        #expect(list[1] == Input())
    }

    @Test(arguments: [
        (#"{"accused_organ":"D-ZJJ"}"#, JSONInputError.Problem.unknownKey(path: "accused_organ", nearest: "accusedOrgan")),
        (#"{"AccusedOrgan":"D-ZJJ"}"#, .unknownKey(path: "AccusedOrgan", nearest: "accusedOrgan")),
        (#"{"chanel":"visit"}"#, .unknownKey(path: "chanel", nearest: "channel")),
        (#"{"petitioner":{"nmae":"张伟"}}"#, .unknownKey(path: "petitioner.nmae", nearest: "name")),
        (#"[{},{"group":{"representatives":[{"id_number":"1"}]}}]"#,
         .unknownKey(path: "[1].group.representatives[0].id_number", nearest: "idNumber")),
        (#"{"zzz":1}"#, .unknownKey(path: "zzz", nearest: nil)),
        (#"{"channel":"visit","channel":"letter"}"#, .duplicateKey(path: "channel")),
        (#"{"petitioner":{"name":"a","name":"b"}}"#, .duplicateKey(path: "petitioner.name")),
        (#"{"group":{"people":"12"}}"#, .wrongType(path: "group.people", expected: "number")),
        (#"{"channel":5}"#, .wrongType(path: "channel", expected: "string")),
        ("{\"channel\":\"a\u{1B}b\"}", .rawControl(offset: 13)),
        (#"{not json"#, .syntax(offset: 1, expected: "a key in double quotes")),
        (#"{} x"#, .syntax(offset: 3, expected: "end of input")),
        (#"{"channel":"\ud800"}"#, .invalidUTF8(offset: 12)),
        (String(repeating: "[", count: 100), .tooDeep(path: "[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]")),
    ])
    func badInputIsRefusedSayingWhere(json: String, expected: JSONInputError.Problem) {
        #expect(problem(json) == expected)
    }

    @Test func invalidUTF8IsRefusedWithItsOffset() throws {
        let bytes = Array(#"{"channel":""#.utf8) + [0xE5, 0xBC] + Array(#""}"#.utf8)
        #expect(throws: JSONInputError(.invalidUTF8(offset: 12))) { _ = try StrictJSON.parse(bytes) }
        let message = JSONInputError(.invalidUTF8(offset: 12)).message(.zh)
        #expect(message == "输入不是有效的 UTF-8 文本（第13字节）：请以 UTF-8 编码保存后重新提交")
    }

    @Test func theUnknownKeyMessageNamesTheNearestKnownOne() {
        #expect(JSONInputError(.unknownKey(path: "accused_organ", nearest: "accusedOrgan")).message(.zh)
                == "没有「accused_organ」这个字段（是否应为「accusedOrgan」？）：未知字段不会被忽略，请改正后重新提交")
    }

    @Test func aFiftyMegabyteStringIsReadInOnePass() throws {
        let big = String(repeating: "信", count: 1 << 20)
        let list = try decode(#"{"channel":""# + big + #""}"#)
        #expect(list[0].channel?.count == 1 << 20)
    }
}
