import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NpsTable } from "./nps-table";
import { OpenSurveysCard } from "./open-surveys-card";
import { SurveyAnswerForm } from "./survey-answer-form";
import { SurveyState } from "./survey-state";

const noop = async () => ({ ok: true as const, data: { invitationId: "x", points: 0, pending: false } });

describe("SurveyAnswerForm", () => {
  it("asks the question as the legend of eleven labelled radio buttons, with a bounded comment and the hidden id", () => {
    const html = renderToStaticMarkup(<SurveyAnswerForm action={noop} hidden={{ token: "abc" }} question="How likely are you to recommend us?" points={100} />);
    expect(html).toMatch(/<fieldset[^>]*><legend[^>]*>How likely are you to recommend us\?<\/legend>/);
    expect(html.match(/<input type="radio"[^>]*name="score"/g)).toHaveLength(11);
    for (const score of [0, 5, 10]) expect(html).toContain(`value="${score}"`);
    expect(html).toContain('<input type="hidden" name="token" value="abc"/>');
    expect(html).toMatch(/<textarea[^>]*maxLength="1000"/);
    expect(html).toContain("Earns 100 points, once.");
  });

  it("says nothing about points when answering earns none", () => {
    const html = renderToStaticMarkup(<SurveyAnswerForm action={noop} hidden={{ invitationId: "i" }} question="Q?" points={null} />);
    expect(html).not.toContain("Earns");
  });
});

describe("OpenSurveysCard", () => {
  it("renders nothing without open surveys", () => {
    expect(renderToStaticMarkup(<OpenSurveysCard surveys={[]} points={100} />)).toBe("");
  });

  it("links each open survey, naming the experience it is about", () => {
    const html = renderToStaticMarkup(
      <OpenSurveysCard
        points={100}
        surveys={[
          { id: "a1", question: "How likely are you to recommend Cairn?", experience: null, expiresAt: new Date("2031-02-01T00:00:00Z") },
          { id: "b2", question: "How was it?", experience: { title: "Sunrise kayak tour", startsAt: new Date("2031-01-10T06:00:00Z") }, expiresAt: new Date("2031-02-09T00:00:00Z") },
        ]}
      />,
    );
    expect(html).toContain("2 quick questions for you");
    expect(html).toContain("Each answer earns 100 points.");
    expect(html).toContain('href="/surveys/a1"');
    expect(html).toContain('href="/surveys/b2"');
    expect(html).toContain("About Sunrise kayak tour (Jan 10, 2031)");
    expect(html).toContain("Open until Feb 1, 2031");
  });
});

describe("NpsTable", () => {
  it("is a captioned table with row headers; an empty month reads — and a negative score with a minus sign", () => {
    const html = renderToStaticMarkup(
      <NpsTable
        caption="NPS by month"
        rows={[
          { month: "2029-01", responses: 4, promoters: 3, passives: 1, detractors: 0, nps: 75 },
          { month: "2029-02", responses: 0, promoters: 0, passives: 0, detractors: 0, nps: null },
          { month: "2029-03", responses: 3, promoters: 1, passives: 0, detractors: 2, nps: -33 },
        ]}
      />,
    );
    expect(html).toContain('<caption class="sr-only">NPS by month</caption>');
    expect(html.match(/<th scope="row"/g)).toHaveLength(3);
    expect(html).toContain("Jan 2029");
    expect(html).toContain("+75");
    expect(html).toContain("—");
    expect(html).toContain("−33");
  });
});

describe("SurveyState", () => {
  it("tells an answered survey from a closed one", () => {
    const answered = renderToStaticMarkup(<SurveyState invitation={{ state: "answered", answeredAt: new Date("2031-01-05T10:00:00Z"), score: 9, expiresAt: new Date("2031-02-01T00:00:00Z") }} />);
    expect(answered).toContain("You gave it 9 out of 10 on Jan 5, 2031");
    const closed = renderToStaticMarkup(<SurveyState invitation={{ state: "closed", answeredAt: null, score: null, expiresAt: new Date("2031-02-01T00:00:00Z") }} />);
    expect(closed).toContain("This survey has closed");
    expect(closed).toContain("Feb 1, 2031");
  });
});
