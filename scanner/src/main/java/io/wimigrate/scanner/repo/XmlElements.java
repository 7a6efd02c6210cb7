package io.wimigrate.scanner.repo;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small element tree of an XML build file with the position of each start tag. DTDs and external entities are
 * refused: a build file in a repository is untrusted input.
 */
record XmlElements(String name, Map<String, String> attributes, StringBuilder text, List<XmlElements> children,
                   int line, int column) {

    /** The file's root element, or empty after a warning at the parser's position when it is not well-formed. */
    static Optional<XmlElements> parseOrWarn(RepoFile file, ScanReport report) {
        try {
            return Optional.of(parse(file.text()));
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNumber();
            report.warning(file.relativePath(), line, column,
                    file.name() + " is not well-formed XML; versions not checked.");
            return Optional.empty();
        }
    }

    static XmlElements parse(String xml) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(xml));
        String[] lines = xml.split("\n", -1);
        List<XmlElements> stack = new ArrayList<>();
        XmlElements root = null;
        try {
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    Map<String, String> attributes = new HashMap<>();
                    for (int i = 0; i < reader.getAttributeCount(); i++) {
                        attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                    }
                    int line = reader.getLocation().getLineNumber();
                    XmlElements element = new XmlElements(reader.getLocalName(), attributes, new StringBuilder(),
                            new ArrayList<>(), line, tagColumn(lines, line, reader));
                    if (stack.isEmpty()) {
                        root = element;
                    } else {
                        stack.get(stack.size() - 1).children().add(element);
                    }
                    stack.add(element);
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    stack.remove(stack.size() - 1);
                } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)
                        && !stack.isEmpty()) {
                    stack.get(stack.size() - 1).text().append(reader.getText());
                }
            }
        } finally {
            reader.close();
        }
        if (root == null) {
            throw new XMLStreamException("no root element");
        }
        return root;
    }

    /** The reader stands after the start tag; editors want the column of its '<'. */
    private static int tagColumn(String[] lines, int line, XMLStreamReader reader) {
        int after = reader.getLocation().getColumnNumber();
        if (line < 1 || line > lines.length) {
            return after;
        }
        String text = lines[line - 1];
        int tag = text.lastIndexOf("<" + reader.getLocalName(), Math.max(0, Math.min(after - 1, text.length())));
        return tag < 0 ? after : tag + 1;
    }

    XmlElements child(String childName) {
        return children.stream().filter(c -> c.name().equals(childName)).findFirst().orElse(null);
    }

    String childText(String childName) {
        XmlElements child = child(childName);
        return child == null ? null : child.text().toString().trim();
    }

    /** Every element below this one (depth first, in document order) with that name. */
    List<XmlElements> descendants(String descendantName) {
        List<XmlElements> found = new ArrayList<>();
        for (XmlElements child : children) {
            if (child.name().equals(descendantName)) {
                found.add(child);
            }
            found.addAll(child.descendants(descendantName));
        }
        return found;
    }
}
