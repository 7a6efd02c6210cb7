package io.wimigrate.scanner.model;

/**
 * Who manages an object, so a live patch is not silently reverted: {@code manager} is one of {@code helm},
 * {@code argocd}, {@code flux}, or a managedFields manager name; {@code name} is the release/application when known;
 * {@code evidence} names the label, annotation or field that says so.
 */
public record Ownership(String manager, String name, String evidence) {

    /** True for managers that re-apply from Git or a chart, so changes must go to the repo as well. */
    public boolean gitops() {
        return "helm".equals(manager) || "argocd".equals(manager) || "flux".equals(manager);
    }
}
