package org.backproplab.grade;

import java.util.List;
import org.backproplab.grade.questions.Questions;
import org.backproplab.homework.GradingTest;
import org.backproplab.homework.HiddenChecks;
import org.backproplab.homework.Homework;
import org.backproplab.homework.Report;
import org.backproplab.homework.probe.Checks;
import org.backproplab.homework.probe.QuestionPlan;

/**
 * The hidden tests in a kernel that has the grader's jar on its classpath (nbgrader's autograde step, run by an
 * instructor): {@link Homework#checkHidden} finds this service and runs them in the kernel, against the reference's
 * observations computed there. Under nbgrader the student's code runs in that kernel, without the sandbox.
 */
public final class NbgraderHidden implements HiddenChecks {
    @Override
    public Report run(String question, int variant, Object implementation) {
        QuestionPlan plan = Questions.get(question, variant).plan();
        Homework.requireImplementation(plan, implementation);
        List<GradingTest> hidden = plan.hiddenTestList();
        return new Report(question, plan.title(), Checks.judge(plan, hidden, Checks.observe(plan, implementation, hidden)), 0,
                variant == 0 ? "" : "variant " + variant);
    }
}
