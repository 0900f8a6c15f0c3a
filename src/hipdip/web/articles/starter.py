"""Starter content for a new clinic site: categories and articles in the product's own
words. Every clinical statement carries a numbered source ([1], [2] ...) from
``hipdip.care.sources`` or, where that registry has none, from the clinical notes the
product is built on (``shared/CLINICAL.md``). Clinics edit or replace all of it in /cms/.
"""

from __future__ import annotations

from dataclasses import dataclass

from hipdip.care.sources import get_source

#: Sources used by the articles that the care layer's registry does not hold.
EXTRA_SOURCES = {
    "psf-photos": "Plastic Surgery Foundation photographic standards: same camera, distance, "
    "lighting and framing every time; for body contouring plain background and plain "
    "underwear.",
    "trochanter": "Clinic sources on hip fat grafting: the dip lies over the greater "
    "trochanter, where skin is most adherent and fat thinnest.",
    "ps-recovery-6w": "Clinic recovery guidance: compression for weeks (default 6), no sitting "
    "or lying on grafted areas for 2-3 weeks, desk work at about 2 weeks, light exercise "
    "at about 4 and normal activity at about 6 weeks, final result at 3-6 months.",
}


def citation(source_id: str) -> str:
    """The citation text of a source id (the care registry first, then EXTRA_SOURCES)."""
    if source_id in EXTRA_SOURCES:
        return EXTRA_SOURCES[source_id]
    return get_source(source_id).citation


@dataclass(frozen=True)
class StarterCategory:
    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class StarterArticle:
    slug: str
    title: str
    category: str
    summary: str
    tags: tuple[str, ...]
    #: (heading, paragraphs as HTML) in order; a heading of "" adds paragraphs only.
    sections: tuple[tuple[str, tuple[str, ...]], ...]
    sources: tuple[str, ...] = ()
    #: (kind, HTML) callouts placed after the first section.
    callouts: tuple[tuple[str, str], ...] = ()
    #: Starter articles picked as related reading, by slug.
    picks: tuple[str, ...] = ()


CATEGORIES = (
    StarterCategory("hip-dips", "About hip dips", "What hip dips are and why everyone's differ."),
    StarterCategory(
        "surgery", "Surgery", "Liposuction, fat transfer, the consultation and what it costs."
    ),
    StarterCategory("recovery", "Recovery", "The weeks after surgery, one step at a time."),
    StarterCategory(
        "training-and-food",
        "Training and food",
        "Exercises and eating well, with or without surgery.",
    ),
    StarterCategory("safety", "Safety", "Risks, warning signs and how to choose a surgeon."),
    StarterCategory(
        "self-assessment", "Photos and self-assessment", "Taking photos that can be measured."
    ),
)

ARTICLES = (
    StarterArticle(
        slug="what-are-hip-dips",
        title="What are hip dips?",
        category="hip-dips",
        summary="A hip dip is the inward curve at the side of the body between the pelvis and "
        "the thigh bone. It is normal anatomy, and this is why it shows more on some people.",
        tags=("anatomy", "hip dips"),
        sections=(
            (
                "",
                (
                    "<p>Look at the outline of your body from the front and you may see it: "
                    "a gentle inward curve on each side, below the waist and above the top of "
                    "the thigh. People call it a hip dip or violin hip.</p>",
                ),
            ),
            (
                "Where it comes from",
                (
                    "<p>The curve sits between the top edge of the pelvis (the iliac crest) "
                    "and the bony bump at the top of the thigh bone (the greater trochanter). "
                    "Over the trochanter the skin is held close to the bone and there is "
                    "little fat, so the outline steps in there [1].</p>",
                    "<p>How deep it looks depends on the shape and width of your pelvis and on "
                    "how fat and muscle sit around it. Tight clothing makes it show more.</p>",
                ),
            ),
            (
                "Normal, not a problem",
                (
                    "<p>Hip dips are not a disease and need no treatment. Some people want "
                    "them to look smaller; training can change what surrounds the bone, and "
                    "surgery can fill the curve [2]. Neither is needed for health.</p>",
                ),
            ),
        ),
        sources=("trochanter", "hipdip-brief"),
        picks=("measuring-your-hip-dips-at-home", "exercises-for-the-hips"),
    ),
    StarterArticle(
        slug="hip-dip-surgery-liposuction-and-fat-transfer",
        title="Hip dip surgery: liposuction and fat transfer",
        category="surgery",
        summary="Most hip dip surgery combines two steps: liposuction removes fat from one "
        "area, and part of it is prepared and injected into the dip. What happens, and what "
        "it costs.",
        tags=("fat transfer", "fat grafting", "liposuction", "surgery", "cost"),
        sections=(
            (
                "Two procedures in one operation",
                (
                    "<p><strong>Liposuction</strong> takes fat from a donor area such as the "
                    "belly, flanks or thighs through small cuts, using a thin tube (cannula). "
                    "It also reshapes the area it is taken from.</p>",
                    "<p><strong>Fat transfer</strong> (fat grafting) puts some of that fat "
                    "into the dip. First the fat is spun in a centrifuge to separate it from "
                    "fluid and debris; a common setting is about 1,200 g for 3 minutes [1]. "
                    "It is then injected in small droplets.</p>",
                ),
            ),
            (
                "How much stays",
                (
                    "<p>Not all the transferred fat survives. Studies report that 40 to 80 % "
                    "of grafted fat remains [2]; in the buttocks about two thirds was still "
                    "there months later [3]. Your surgeon plans for this.</p>",
                    "<p>In a large series of hip grafting, about 250 mL was injected on each "
                    "side on average, with a wide range [4].</p>",
                ),
            ),
            (
                "What hip dip surgery costs",
                (
                    "<p>The cost depends on how many areas are treated, the kind of "
                    "anaesthesia, the length of the operation and the aftercare included. A "
                    "clinic can only give you a real price after a consultation; ask what the "
                    "quote includes (garments, follow-up visits, revisions).</p>",
                ),
            ),
        ),
        sources=("allen-coleman-2013", "gir-rohrich-2012", "swanson-2016", "hip-series-2023"),
        picks=("your-consultation-what-to-bring", "recovery-week-by-week"),
    ),
    StarterArticle(
        slug="your-consultation-what-to-bring",
        title="Your consultation: what to bring and what to ask",
        category="surgery",
        summary="A consultation is where a surgeon learns what you want and whether surgery "
        "is safe for you. Prepare your history, your medicines and your questions.",
        tags=("consultation", "surgery", "cost", "medications"),
        sections=(
            (
                "What the surgeon will ask",
                (
                    "<p>Your goals, your medical history, allergies, the medicines and "
                    "supplements you take and any other health concerns. Honest answers "
                    "matter: they decide what is safe.</p>",
                    "<p>Many practices operate when BMI is under about 30 and weight has been "
                    "stable [1]. Smoking slows healing; stopping at least four weeks before "
                    "and after surgery helps wounds heal [2].</p>",
                ),
            ),
            (
                "What to bring",
                (
                    "<ul><li>A list of every medicine and supplement, with doses.</li>"
                    "<li>Recent test results if you have them.</li>"
                    "<li>Your questions, written down, including what the price covers.</li>"
                    "</ul>",
                    "<p>You may be asked to stop some medicines before surgery, for example "
                    "aspirin about 10 days before [3] and herbal remedies at least two weeks "
                    "before [4]. Never stop a blood thinner your doctor prescribed without "
                    "asking that doctor [5].</p>",
                ),
            ),
            (
                "Photos and markings",
                (
                    "<p>The clinic takes standard photos and may draw on your skin to show the "
                    "areas to treat. It helps you picture the plan.</p>",
                ),
            ),
        ),
        sources=(
            "clinic-candidacy",
            "sorensen-2012-ann-surg",
            "uf-plastic-surgery",
            "asa-herbals",
            "prescriber-rule",
        ),
    ),
    StarterArticle(
        slug="recovery-week-by-week",
        title="Recovery after hip dip surgery, week by week",
        category="recovery",
        summary="Recovery takes about four to six weeks, and swelling hides the result until "
        "then. What each week usually looks like.",
        tags=("recovery", "compression", "swelling"),
        sections=(
            (
                "Week 1",
                (
                    "<p>Bandages, sometimes drains, and a compression garment. Swelling and "
                    "bruising are at their most; the biggest change often comes around days "
                    "7 to 10 [1].</p>",
                ),
            ),
            (
                "Weeks 2 to 3",
                (
                    "<p>Many people go back to desk work at about two weeks. Avoid sitting or "
                    "lying directly on the grafted area for two to three weeks, and keep "
                    "wearing the garment [2].</p>",
                ),
            ),
            (
                "Weeks 4 to 6",
                (
                    "<p>Light exercise usually starts at about four weeks and normal activity "
                    "at about six, unless your surgeon says otherwise [2]. The final shape "
                    "shows after three to six months [2].</p>",
                ),
            ),
        ),
        callouts=(
            (
                "call",
                "<p>Call emergency services for breathlessness, chest pain, confusion or a "
                "pinpoint rash. Call the clinic the same day for a fever of 38 °C or more, "
                "spreading redness, or one calf swollen or painful [3].</p>",
            ),
        ),
        sources=("aesthetic-society", "ps-recovery-6w", "red-flags"),
        picks=("risks-and-choosing-a-surgeon",),
    ),
    StarterArticle(
        slug="exercises-for-the-hips",
        title="Exercises for the hips: squats, lunges and more",
        category="training-and-food",
        summary="Training cannot change bone, but it can build the muscles around it. A "
        "simple plan with squats, lunges and deadlifts, and how it keeps a surgical result.",
        tags=("squats", "lunges", "training", "exercise"),
        sections=(
            (
                "What training can and cannot do",
                (
                    "<p>The dip follows the shape of the pelvis and thigh bone, which no "
                    "exercise changes. Building the muscles of the hips, thighs and buttocks "
                    "and losing body fat can soften the curve [1].</p>",
                ),
            ),
            (
                "The core moves",
                (
                    "<ul><li><strong>Squats</strong>: feet hip-width apart, sit back and down, "
                    "knees over toes. When that is easy, hold a 4.5 to 7 kg dumbbell in each "
                    "hand [1].</li>"
                    "<li><strong>Lunges</strong>: forwards, backwards and to the side.</li>"
                    "<li><strong>Jump squats and jump lunges</strong> for fitness [1].</li>"
                    "<li><strong>Deadlifts</strong> for the back of the hips and thighs [1].</li>"
                    "</ul>",
                    '<p>See each one drawn step by step in the <a href="/exercises/">exercise '
                    "library</a>.</p>",
                ),
            ),
            (
                "After surgery",
                (
                    "<p>Wait for your surgeon's go-ahead: light exercise usually from about "
                    "four weeks, normal training from about six [2]. The same training then "
                    "keeps the result.</p>",
                ),
            ),
        ),
        sources=("hipdip-brief", "ps-recovery-6w"),
        picks=("eating-well-around-training-and-surgery",),
    ),
    StarterArticle(
        slug="eating-well-around-training-and-surgery",
        title="Eating well around training and surgery",
        category="training-and-food",
        summary="Plain food supports training and healing: fruit, vegetables, whole grains "
        "and lean protein, and a stable weight before surgery.",
        tags=("diet", "nutrition", "training", "surgery"),
        sections=(
            (
                "Every day",
                (
                    "<p>Build meals on fruit, vegetables, whole grains and lean protein [1]. "
                    "Protein helps muscles recover after training.</p>",
                ),
            ),
            (
                "Before surgery",
                (
                    "<p>Surgeons prefer a weight that has been stable and near your goal "
                    "[2]. Some supplements affect bleeding (fish oil, vitamin E, ginger and "
                    "others) and are often stopped two weeks before surgery [3]; tell the "
                    "clinic everything you take. Follow the clinic's instructions on when to "
                    "stop eating and drinking before the operation [4].</p>",
                ),
            ),
        ),
        sources=(
            "hipdip-brief",
            "clinic-candidacy",
            "aesthetic-practice-holds",
            "asa-fasting-2017",
        ),
    ),
    StarterArticle(
        slug="risks-and-choosing-a-surgeon",
        title="Risks of fat transfer and how to choose a surgeon",
        category="safety",
        summary="Fat transfer is a real operation with real risks. What they are, the warning "
        "signs, and questions that help you choose a surgeon.",
        tags=("risks", "safety", "fat transfer", "surgeon"),
        sections=(
            (
                "The usual risks",
                (
                    "<p>In nearly 30,000 liposuction patients, about 2.6 % had any "
                    "complication, most often an uneven contour [1]. In hip fat grafting, "
                    "infection and wound problems were each around 2 % [2].</p>",
                ),
            ),
            (
                "The rare, serious one",
                (
                    "<p>Fat that enters a vein can travel to the lungs (fat embolism). It is "
                    "rare but can be fatal; deep injection into muscle drives the risk, so "
                    "safe technique keeps the fat under the skin [3]. Most cases start within "
                    "a day [4].</p>",
                ),
            ),
            (
                "Choosing a surgeon",
                (
                    "<ul><li>Check that the surgeon is certified by the plastic surgery board "
                    "in your country and does fat transfer regularly.</li>"
                    "<li>Ask where the fat is injected (above the muscle, never into it) "
                    "and how they handle an emergency.</li>"
                    "<li>Ask to see their own before-and-after results.</li></ul>",
                ),
            ),
        ),
        sources=("comerci-2024", "hip-series-2023", "aserf-mofid-2017", "fat-embolism-2023"),
        picks=("recovery-week-by-week",),
    ),
    StarterArticle(
        slug="measuring-your-hip-dips-at-home",
        title="Photos and self-assessment: measuring your hip dips at home",
        category="self-assessment",
        summary="Two standard photos and your height are enough to measure each side in "
        "millimetres. How to take photos that can be compared over time.",
        tags=("photos", "self-assessment", "measurement"),
        sections=(
            (
                "Why the photos must be standard",
                (
                    "<p>Comparing photos only works when they are taken the same way each "
                    "time: same camera, distance, light and framing, a plain background and "
                    "plain fitted clothing [1].</p>",
                ),
            ),
            (
                "How to take them",
                (
                    "<p>Stand straight with your arms a little away from your body, feet on "
                    "the same marks, camera at hip height. Take one photo from the front and "
                    'one from the back. The <a href="/guide/">photo guide</a> shows each step.'
                    "</p>",
                ),
            ),
            (
                "What the measurement says",
                (
                    "<p>The result is the depth of the inward curve on each side. A curve "
                    "of at least 3 mm counts as a dip [2]. It is information, not a "
                    "diagnosis, and hip dips are normal.</p>",
                ),
            ),
        ),
        sources=("psf-photos", "hipdip-measurement"),
        picks=("what-are-hip-dips",),
    ),
)
