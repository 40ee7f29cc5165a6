import ConsoleUI
import PetitionCore
import Testing

/// What a console and the console service send each other (decision 0033): every message
/// comes back as it was sent, however the bytes are cut; anything else ends the session
/// with an error rather than a wrong key or frame.
@Suite("The console service's messages")
struct ConsoleWireTests {
    static func frame() -> CellGrid {
        var grid = CellGrid(rows: 3, columns: 12)
        grid.put("信访 · 首页", row: 0, column: 0, style: .title)
        grid.put("👨‍👩‍👧 e\u{301} x", row: 1, column: 1, style: .overdue)
        grid.fill(row: 2, style: .status)
        grid.cursor = .init(row: 2, column: 11)
        return grid
    }

    static let messages: [ConsoleMessage] = [
        .hello(ConsoleHello(language: .en, training: true, user: "clerk", environmentUser: "王芳", environmentLogname: nil,
                            ascii: true, trainee: "wangfang", device: 0x0803, inode: 1 << 40 | 7)),
        .ready,
        .size(rows: 24, columns: 80),
        .key(.character("王")), .key(.character("\u{1}")), .key(.function(12)), .key(.backTab), .key(.escape),
        .key(.paste("第一行\n第二行\t")),
        .frame(frame()),
        .frame(CellGrid(rows: 1, columns: 1)),
        .bye(["控制台服务已停止", ""], status: 64),
    ]

    @Test func everyMessageComesBackAsItWasSentWholeOrByteByByte() throws {
        let bytes = Self.messages.flatMap(ConsoleWire.encode)
        var whole = ConsoleWire.Reader()
        whole.feed(bytes)
        var read: [ConsoleMessage] = []
        while let message = try whole.next() { read.append(message) }
        #expect(read == Self.messages)

        var trickle = ConsoleWire.Reader()
        read = []
        for byte in bytes {
            trickle.feed([byte])
            while let message = try trickle.next() { read.append(message) }
        }
        #expect(read == Self.messages)
    }

    @Test func aFrameKeepsItsWideCharactersStylesAndCursor() throws {
        var reader = ConsoleWire.Reader()
        reader.feed(ConsoleWire.encode(.frame(Self.frame())))
        guard case .frame(let grid)? = try reader.next() else { Issue.record("no frame"); return }
        #expect(grid.text == Self.frame().text)
        #expect(grid[0, 0].width == 2 && grid[0, 1].width == 0 && grid[0, 0].style == .title)
        #expect(grid.cursor == .init(row: 2, column: 11))
    }

    /// Bytes that are not a message: too long, of no kind, cut short, not UTF-8, a cell of
    /// two characters, a cursor off the grid, a terminal of no rows.
    @Test(arguments: [
        ("a length past the limit", [4, 0xff, 0xff, 0xff, 0x7f]),
        ("a kind that does not exist", [9, 0, 0, 0, 0]),
        ("a size cut short", [3, 4, 0, 0, 0, 24, 0, 0, 0]),
        ("a size of no rows", [3, 8, 0, 0, 0, 0, 0, 0, 0, 80, 0, 0, 0]),
        ("a size past the largest terminal", [3, 8, 0, 0, 0, 201, 0, 0, 0, 80, 0, 0, 0]),
        ("a key that is not UTF-8", [4, 6, 0, 0, 0, 0, 1, 0, 0, 0, 0xff]),
        ("a key of two characters", [4, 7, 0, 0, 0, 0, 2, 0, 0, 0, 0x61, 0x62]),
        ("a plain key out of range", [4, 2, 0, 0, 0, 3, 200]),
        ("bytes after the message", [2, 1, 0, 0, 0, 0]),
        ("a cursor below the grid", [5, 23, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0,
                                     0, 1, 1, 0, 0, 0, 0x20]),
    ] as [(String, [UInt8])])
    func bytesThatAreNoMessageEndTheSession(what: String, bytes: [UInt8]) {
        var reader = ConsoleWire.Reader()
        reader.feed(bytes)
        #expect(throws: ConsoleWireError.self, "\(what)") { _ = try reader.next() }
    }

    /// The largest frame a session is drawn at, of cells of the most bytes the wire carries,
    /// fits a message; a larger terminal is drawn for in its top left; a paste is cut, at a
    /// character, to what a message carries.
    @Test func theLargestFrameAndPasteFitAMessage() throws {
        var grid = CellGrid(rows: ConsoleWire.maximumRows, columns: ConsoleWire.maximumColumns)
        // One grapheme of seven 4-byte scalars (a flag's tag sequence): the most bytes a cell carries.
        let heavy = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}"
        for r in 0..<grid.rows { grid.put(String(repeating: heavy, count: grid.columns), row: r, column: 0) }
        let bytes = ConsoleWire.encode(.frame(grid))
        #expect(bytes.count <= ConsoleWire.maximumLength)
        #expect(bytes.count > ConsoleWire.maximumRows * ConsoleWire.maximumColumns / 2 * 26, "the heavy cells were drawn")
        var reader = ConsoleWire.Reader()
        reader.feed(bytes)
        guard case .frame(let read)? = try reader.next() else { Issue.record("no frame"); return }
        #expect(read[0, 0].grapheme.unicodeScalars.count == 5, "drawn as the terminal draws it: five scalars")
        #expect(ConsoleWire.bounded(rows: 1000, columns: 1000) == (ConsoleWire.maximumRows, ConsoleWire.maximumColumns))

        let paste = ConsoleWire.bounded(paste: String(repeating: "信", count: ConsoleWire.maximumPaste))
        #expect(paste.utf8.count <= ConsoleWire.maximumPaste && paste.utf8.count > ConsoleWire.maximumPaste - 3)
        #expect(paste.allSatisfy { $0 == "信" })
        reader.feed(ConsoleWire.encode(.key(.paste(paste))))
        #expect(try reader.next() == .key(.paste(paste)))
    }

    /// A message not yet whole is waited for, not refused.
    @Test func aMessageCutAtAnyByteIsWaitedFor() throws {
        let bytes = ConsoleWire.encode(.frame(Self.frame()))
        for cut in 0..<bytes.count {
            var reader = ConsoleWire.Reader()
            reader.feed(bytes[..<cut])
            #expect(try reader.next() == nil, "cut at \(cut)")
        }
    }
}
