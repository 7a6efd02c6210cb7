/**
 * The repository half of {@code migrate scan}. {@link io.wimigrate.scanner.repo.RepoScanner} walks a working tree
 * ({@link io.wimigrate.scanner.repo.RepoWalker}: .gitignore, no binaries, symlinks without loops) and hands each text
 * file to every detector whose cheap name-and-token test accepts it. One detector per thing found: Java credential code
 * (JavaParser, resolved through imports), credential code in Python, C#, Go and JavaScript/TypeScript (regular
 * expressions over comment-masked text), the Azure Identity version in each ecosystem's build files, Spring
 * configuration, Kubernetes manifests and kustomizations, Helm charts and Terraform.
 *
 * <p>Evidence holds names only (symbols, keys, versions, lengths), never a literal, a value or a line of text, and no
 * parser message is passed on, since those quote the input. Version ranges count as supporting workload identity only
 * when their lowest version does, as too old only when their highest does; anything between is unknown.
 */
package io.wimigrate.scanner.repo;
