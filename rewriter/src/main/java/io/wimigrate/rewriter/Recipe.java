package io.wimigrate.rewriter;

import java.util.List;

/** One kind of rewrite: the edits it makes to one file, and notes on what it left to do by hand. */
interface Recipe {

    boolean accepts(String relativePath);

    List<TextEdit> edits(String relativePath, String text, List<RewriteNote> notes);
}
