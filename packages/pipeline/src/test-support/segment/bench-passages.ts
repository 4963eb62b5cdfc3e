/**
 * Passages on distinct topics, written for the topic-segmentation benchmark: talks are made by
 * joining several of them, so the joins are the true topic boundaries.
 */
export interface BenchPassage {
  topic: string;
  text: string;
}

export const BENCH_PASSAGES: readonly BenchPassage[] = [
  {
    topic: 'sourdough',
    text: `Let me tell you how I finally learned to bake sourdough bread. The starter is the heart of it: flour and water left on the counter until wild yeast and bacteria move in. For the first week my starter smelled like nail polish and barely rose. The fix was feeding it twice a day with whole rye flour and keeping it somewhere warm. Once the starter doubled reliably within six hours, the bread changed completely. I mix the dough with a high hydration, around seventy five percent water, and let it rest before adding salt. Then come the stretch and fold sessions, every half hour for two hours, which build gluten without kneading. The long cold proof in the fridge overnight gives the crumb its open holes and that sour flavour. Baking in a preheated cast iron pot traps steam, so the crust blisters and turns deep brown. Cutting the loaf too early is the most common mistake, because the crumb is still setting as it cools.`,
  },
  {
    topic: 'marathon',
    text: `Training for my first marathon taught me that running slowly is the secret to running fast. Most of my weekly mileage was easy running at a pace where I could hold a conversation. Only one session a week was hard, usually intervals on the track or a tempo run at threshold pace. The long run on Sunday grew by a mile or two each week until it reached twenty miles. My legs hurt after those runs, but the soreness faded as my body adapted. Fuelling mattered more than I expected: I practised taking energy gels every forty minutes so my stomach would not rebel on race day. Good running shoes and a proper taper in the last three weeks kept injuries away. On race morning I started conservatively, held my goal pace through halfway, and passed hundreds of runners in the final miles. Crossing the finish line, I understood why runners keep signing up for another marathon.`,
  },
  {
    topic: 'solar',
    text: `We installed solar panels on our roof last spring, and the numbers surprised me. The system has sixteen panels facing south at a thirty degree tilt, rated at about six kilowatts in total. On a clear summer day it produces far more electricity than the house uses, and the surplus flows back to the grid. The inverter converts the direct current from the panels into alternating current for our appliances. We added a home battery so that evening consumption runs on stored sunshine instead of grid power. In winter the output drops to a fifth of the summer peak, because the days are short and the sun sits low. Cleaning the panels twice a year restores a few percent of lost efficiency. The installer estimated a payback period of nine years, but rising electricity tariffs have shortened it. Monitoring the app every evening to see how many kilowatt hours we generated has become a small family ritual.`,
  },
  {
    topic: 'octopus',
    text: `Octopuses are some of the strangest and smartest animals in the ocean. An octopus has three hearts and blue blood, because its blood carries oxygen with copper rather than iron. Most of its neurons are not in its brain but in its eight arms, so each arm can taste, touch and react on its own. Octopuses change the colour and texture of their skin in a fraction of a second, using cells called chromatophores, to hide from predators or startle them. In aquariums they have been seen unscrewing jars, escaping tanks at night and squirting water at keepers they dislike. Yet an octopus lives only a year or two, and a female guards her eggs until she dies. Scientists study octopus intelligence because it evolved separately from ours, on a branch of life that split from our ancestors over five hundred million years ago. Watching one solve a puzzle in the reef feels like meeting an alien mind.`,
  },
  {
    topic: 'budgeting',
    text: `If you want to get out of debt, start with a budget you can actually follow. Write down your monthly income after taxes, then list every fixed expense: rent, insurance, loan payments and subscriptions. Most people discover they spend hundreds on subscriptions they forgot about. A simple rule splits income into fifty percent needs, thirty percent wants and twenty percent savings or extra debt payments. Pay off the credit card with the highest interest rate first, while paying the minimum on the others; this avalanche method saves the most money. Build an emergency fund of three months of expenses so a broken car does not push you back onto the credit card. Automate the transfer to savings on payday, before you can spend it. Review your bank statements every Sunday for ten minutes. Budgeting is not about never buying coffee; it is about deciding in advance where your money goes.`,
  },
  {
    topic: 'volcano',
    text: `Volcanoes form where molten rock from deep inside the Earth finds a way to the surface. Most of them sit along the edges of tectonic plates, such as the ring of fire around the Pacific Ocean. When plates collide, one slides beneath the other, melts in the mantle, and the magma rises through cracks in the crust. The gas dissolved in magma decides how violent an eruption is: sticky magma traps gas and explodes, while runny basalt lava flows out gently, as in Hawaii. An explosive eruption throws ash kilometres into the sky, where it can ground aircraft across a continent. Pyroclastic flows of hot gas and rock race down the slopes faster than a car. Volcanologists watch for small earthquakes, swelling of the ground and changes in sulfur gas to forecast eruptions. Volcanic soil is also extremely fertile, which is why farmers keep returning to live on dangerous slopes.`,
  },
  {
    topic: 'chess',
    text: `I started playing chess seriously during the winter, and my rating climbed four hundred points in six months. The biggest improvement came from solving tactics puzzles every day: forks, pins, skewers and discovered attacks. Most games at the club level are decided by a blunder, not by deep strategy, so spotting hanging pieces wins more games than memorising openings. For the opening I keep it simple: control the centre with pawns, develop knights before bishops, and castle early to protect the king. In the middlegame I ask what my opponent threatens before every move. Endgames taught me the value of an active king and of passed pawns racing to promote into a queen. Analysing my lost games with an engine, without looking at the evaluation first, showed me the same mistakes again and again. Playing longer time controls instead of blitz made my calculation slower but far more accurate.`,
  },
  {
    topic: 'sleep',
    text: `Sleep is the cheapest performance enhancer there is, and most adults do not get enough of it. During deep sleep the brain clears waste products and the body releases growth hormone to repair muscles. Dreaming in rapid eye movement sleep helps consolidate memories and process emotions. Your circadian rhythm is set mainly by light, so bright morning sunlight and dim evenings help you fall asleep on time. Caffeine has a half life of about six hours; an afternoon coffee is still in your bloodstream at bedtime. Alcohol makes you drowsy but fragments sleep in the second half of the night. Keeping the bedroom cool, dark and quiet, and going to bed at the same time every night, matters more than any supplement. If you snore loudly and wake up tired, ask a doctor about sleep apnea, because untreated apnea strains the heart.`,
  },
  {
    topic: 'bees',
    text: `Keeping bees in the back garden changed how I look at flowers. A healthy hive in summer holds around fifty thousand honeybees, almost all of them female workers. The queen lays up to two thousand eggs a day, while drones exist only to mate. Worker bees communicate the location of nectar with the waggle dance, where the angle of the dance points toward the flowers relative to the sun. Every week I open the hive, check the brood frames for eggs and look for signs of varroa mites, the parasite that weakens colonies. In late summer I harvest the honey by uncapping the wax cells and spinning the frames in an extractor. Beekeepers leave enough honey for the colony to survive winter, when the bees cluster together and shiver to stay warm. Planting lavender, clover and fruit trees helps pollinators far beyond my own hive.`,
  },
  {
    topic: 'programming',
    text: `When I review code, the first thing I look for is whether the tests can actually fail. A unit test should check one behaviour of a function with clear inputs and expected outputs. Refactoring is only safe when those tests run in seconds, so developers run them after every small change. Version control with small commits and descriptive messages makes it easy to find which change introduced a bug. Type checking catches whole classes of errors before the program runs, especially when a function receives null where it expected an object. Continuous integration runs the compiler, the linter and the test suite on every pull request. Good variable names and short functions matter more than clever algorithms for most software. When a bug appears in production, I first write a failing test that reproduces it, then fix the code and keep the test forever.`,
  },
  {
    topic: 'japan-travel',
    text: `My trip to Japan started in Tokyo, where the train system runs with astonishing punctuality. A rail pass made the bullet train to Kyoto affordable, and the ride past Mount Fuji took just over two hours. In Kyoto we visited temples and shrines early in the morning, before the tour buses arrived, and walked through thousands of orange torii gates at Fushimi Inari. We stayed one night in a traditional ryokan with tatami floors, a hot spring bath and a multi course kaiseki dinner. Convenience stores became our favourite place for breakfast: rice balls, sandwiches and surprisingly good coffee. Osaka was louder and more casual, famous for street food like takoyaki and okonomiyaki. Learning a few polite phrases in Japanese made every interaction warmer. Carry cash, because some small restaurants and shrines still do not accept cards.`,
  },
  {
    topic: 'climate-ice',
    text: `Glaciers and ice sheets are the clearest thermometer of a warming planet. Greenland and Antarctica together hold enough ice to raise sea levels by more than sixty metres if it all melted. Satellites measure the mass of the ice sheets from tiny changes in gravity, and both are losing hundreds of billions of tonnes each year. Mountain glaciers in the Alps and the Himalaya are retreating too, which threatens the rivers that supply water to billions of people in the dry season. Sea ice in the Arctic reflects sunlight; as it shrinks, the darker ocean absorbs more heat and warms further. Scientists drill ice cores kilometres deep to read past climate from bubbles of ancient air trapped in the layers. Those cores show carbon dioxide levels today higher than at any time in eight hundred thousand years.`,
  },
  {
    topic: 'guitar',
    text: `Learning the guitar as an adult is frustrating for the first month and wonderful after that. Your fingertips hurt until calluses form, so short daily practice beats one long weekend session. Start with open chords like G, C, D and E minor, because thousands of songs use only those four. Changing chords cleanly in time matters more than knowing many chords, so practise switching with a metronome at a slow tempo. A strumming pattern of down, down, up, up, down, up fits most pop songs. Tune the strings before every session; a guitar out of tune makes even correct fingering sound wrong. Later, learning the pentatonic scale opens the door to improvising solos and playing the blues. Recording yourself on the phone reveals timing problems that you never hear while playing.`,
  },
  {
    topic: 'coffee',
    text: `Great coffee at home starts with fresh beans and a good grinder, not an expensive machine. Coffee beans lose their aroma within a few weeks of roasting, so buy small bags from a local roaster. A burr grinder gives particles of even size, which means even extraction and less bitterness. For pour over brewing I use fifteen grams of coffee for every two hundred and fifty grams of water, just off the boil. Pour a little water first to let the grounds bloom and release carbon dioxide, then pour slowly in circles. If the cup tastes sour, grind finer; if it tastes bitter and harsh, grind coarser. Espresso is far less forgiving, because the shot runs in under thirty seconds at nine bars of pressure. Milk for a latte should be steamed to around sixty degrees so it stays sweet and silky.`,
  },
];
