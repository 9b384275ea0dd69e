import DragomanXML

/// TBX 2008 (ISO 30042:2008, "TBX v2"), the generation OmegaT and Translate Toolkit read:
/// TBX-Basic in the `martif` dialect.
///
/// ```xml
/// <martif type="TBX-Basic" xml:lang="ar">
///   <martifHeader>
///     <fileDesc><titleStmt><title>…</title></titleStmt><sourceDesc><p>…</p></sourceDesc></fileDesc>
///     <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>
///   </martifHeader>
///   <text><body>
///     <termEntry id="c1">
///       <descrip type="subjectField">…</descrip> <descrip type="definition">…</descrip> <note>…</note>
///       <langSet xml:lang="ar">
///         <tig>
///           <term>…</term>
///           <termNote type="partOfSpeech">noun</termNote>
///           <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
///           <admin type="source">…</admin> <note>…</note>
///         </tig>
///       </langSet>
///     </termEntry>
///   </body></text>
/// </martif>
/// ```
///
/// Entries, data categories, picklist values and the notes that keep what TBX-Basic has no
/// value for (`forbidden`, a part of speech outside the picklist) are those of the v3
/// output (`TBXWriter`): only the structural elements (`termEntry`, `langSet`, `tig`) and
/// the header differ. No namespace (TBX 2008 has none) and no DOCTYPE (the DTD is optional
/// and readers must not fetch it). One difference in content: TBX 2008's `adminGrp` holds a
/// single `admin`, so the source of an administrative field (a `customerSubset` with its
/// source, for instance) is written as a note; a glossary export has no such field.
extension TBXWriter {
    /// The XCS of TBX-Basic 2008, named in the header as TBX-Basic files do.
    static let tbxBasic2008XCS = "TBXBasicXCSV02.xcs"

    /// `<martif type="TBX-Basic" xml:lang>` and `<martifHeader>`.
    func beginMartif(sourceLanguage: String, title: String?, sourceDescription: String) throws {
        try xml.startElement("martif", ["type": "TBX-Basic", "xml:lang": sourceLanguage])
        try xml.startElement("martifHeader")
        try fileDesc(title: title, sourceDescription: sourceDescription)
        try xml.startElement("encodingDesc")
        try xml.element("p", ["type": "XCSURI"], text: Self.tbxBasic2008XCS)
        try xml.endElement()
        try xml.endElement() // martifHeader
    }

    /// `<fileDesc>` with the title and the source description: the same in both versions.
    func fileDesc(title: String?, sourceDescription: String) throws {
        try xml.startElement("fileDesc")
        if let title {
            try xml.startElement("titleStmt")
            try xml.element("title", text: title)
            try xml.endElement()
        }
        try xml.startElement("sourceDesc")
        try xml.element("p", text: sourceDescription)
        try xml.endElement()
        try xml.endElement() // fileDesc
    }
}
