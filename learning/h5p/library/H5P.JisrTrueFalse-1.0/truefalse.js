/* Jisr True/False: one statement, two answers, a score of 1 or 0.
   A minimal H5P content type (our own code) for the demo and the tests:
   it reports an xAPI "answered" statement with its score and keeps its
   state (the chosen answer) so the trainee resumes where they left off. */
var H5P = H5P || {};
H5P.JisrTrueFalse = (function (EventDispatcher) {
  function JisrTrueFalse(params, contentId, extras) {
    EventDispatcher.call(this);
    this.params = params || {};
    this.contentId = contentId;
    var previous = extras && extras.previousState;
    this.answer = previous && typeof previous.answer === "boolean" ? previous.answer : null;
  }
  JisrTrueFalse.prototype = Object.create(EventDispatcher.prototype);
  JisrTrueFalse.prototype.constructor = JisrTrueFalse;

  JisrTrueFalse.prototype.attach = function ($container) {
    var self = this;
    var p = self.params;
    var root = document.createElement("div");
    root.className = "jisr-tf";
    var question = document.createElement("p");
    question.className = "jisr-tf__question";
    question.textContent = p.question || "";
    var answers = document.createElement("div");
    answers.className = "jisr-tf__answers";
    var feedback = document.createElement("p");
    feedback.className = "jisr-tf__feedback";
    feedback.setAttribute("role", "status");
    var buttons = [[true, p.trueLabel || "True"], [false, p.falseLabel || "False"]].map(function (pair) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = pair[1];
      button.setAttribute("aria-pressed", String(self.answer === pair[0]));
      button.addEventListener("click", function () { self.choose(pair[0]); });
      answers.appendChild(button);
      return [pair[0], button];
    });
    self.show = function () {
      buttons.forEach(function (b) { b[1].setAttribute("aria-pressed", String(self.answer === b[0])); });
      if (self.answer === null) { feedback.textContent = ""; return; }
      feedback.textContent = self.answer === !!p.correct ? (p.correctFeedback || "Correct") : (p.wrongFeedback || "Wrong");
    };
    root.appendChild(question);
    root.appendChild(answers);
    root.appendChild(feedback);
    var container = $container && $container.get ? $container.get(0) : $container;
    container.appendChild(root);
    self.show();
  };

  JisrTrueFalse.prototype.choose = function (answer) {
    this.answer = answer;
    if (this.show) { this.show(); }
    var score = this.getScore();
    this.triggerXAPIScored(score, this.getMaxScore(), "answered", true, score === this.getMaxScore());
  };
  JisrTrueFalse.prototype.getScore = function () { return this.answer !== null && this.answer === !!this.params.correct ? 1 : 0; };
  JisrTrueFalse.prototype.getMaxScore = function () { return 1; };
  JisrTrueFalse.prototype.getAnswerGiven = function () { return this.answer !== null; };
  JisrTrueFalse.prototype.getCurrentState = function () { return { answer: this.answer }; };
  JisrTrueFalse.prototype.resetTask = function () { this.answer = null; if (this.show) { this.show(); } };

  return JisrTrueFalse;
})(H5P.EventDispatcher);
