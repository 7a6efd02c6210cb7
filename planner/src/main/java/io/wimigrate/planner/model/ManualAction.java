package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Something a person does; the executor stops at it until it is confirmed done. */
@JsonTypeName("manual-action")
public record ManualAction(int phase, Target target, Desired desired, String reason) implements Step {

    public record Desired(String instruction) {
    }

    @Override
    public String precondition() {
        return "the steps before it are done";
    }

    @Override
    public Inverse inverse() {
        return new Inverse("manual", "undo by hand if needed");
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
