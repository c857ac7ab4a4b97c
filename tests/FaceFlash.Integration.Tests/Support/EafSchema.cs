using System.Xml.Linq;
using System.Xml.Schema;

namespace FaceFlash.Integration.Tests.Support;

/// <summary>The EAF 3.0 structure as transcribed in <c>tests/fixtures/elan/</c>: element order, required attributes, references that resolve.</summary>
public static class EafSchema
{
    private static readonly XmlSchemaSet Eaf = Load();

    private static XmlSchemaSet Load()
    {
        var set = new XmlSchemaSet();
        set.Add(null, Path.Combine(TestPaths.Fixtures, "elan", "eaf-3.0-structure.xsd"));
        set.Compile();
        return set;
    }

    /// <summary>The schema's complaints about a document (empty when it is valid).</summary>
    public static List<string> Validate(XDocument doc)
    {
        var errors = new List<string>();
        doc.Validate(Eaf, (_, e) => errors.Add(e.Message));
        return errors;
    }
}
