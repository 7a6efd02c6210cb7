package io.wimigrate.rewriter;

import java.util.List;

/**
 * One kind of rewrite: the edits it makes to one file, and notes on what it left to do by hand. Recipes run on several
 * files at once, from several threads: they keep no per-file state in fields.
 */
interface Recipe {

    boolean accepts(String relativePath);

    List<TextEdit> edits(String relativePath, String text, List<RewriteNote> notes);
}
