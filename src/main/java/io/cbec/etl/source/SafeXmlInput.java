package io.cbec.etl.source;

import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The one place that makes StAX readers for untrusted XML: DTDs and external entities are off, so an
 * entity-expansion bomb or an external entity pointing at a local file or URL is refused instead of
 * expanded or fetched. The JDK's own implementation is used on purpose, so a StAX provider that happens
 * to be on the classpath cannot change these guarantees.
 */
final class SafeXmlInput {

    private static final XMLInputFactory FACTORY = create();

    private SafeXmlInput() {
    }

    private static XMLInputFactory create() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // Text arrives in one piece per node, which keeps cell-value assembly simple.
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    static XMLStreamReader open(InputStream in) throws XMLStreamException {
        return FACTORY.createXMLStreamReader(in);
    }
}
