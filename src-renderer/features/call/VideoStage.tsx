import { Track } from 'livekit-client';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type ReactNode,
  type RefObject,
} from 'react';
import { createPortal } from 'react-dom';
import { useElementSize } from '../../app/useElementSize';
import { useTranslation } from '../../i18n/useTranslation';
import type { Person } from '../../livekit/call-session';
import type { SourceWanted, TrackRef } from '../../livekit/track-refs';
import type { QualityWord } from '../connection/connection-state';
import { CameraIcon, ChevronIcon, HandIcon, MicrophoneIcon, PinIcon, SignalBars } from './icons';
import {
  barsFor,
  CALL_GRID_LAYOUTS,
  chooseGrid,
  nextSpeaker,
  planStage,
  stableOrder,
  type LayoutMode,
  type StageTile,
} from './stage-layout';
import { useSpeakers, useTrackRefs } from './room-hooks';
import { TileHosts } from './tile-hosts';
import { AudioTrackView, VideoTrackView } from './TrackElements';
import type { CallView } from './useCallSession';
import { useNarrow } from './useNarrow';

/** What every tile reads: who is who, who speaks, whose microphone is on, the line. */
interface StageState {
  people: ReadonlyMap<string, Person>;
  speaking: ReadonlySet<string>;
  microphones: ReadonlySet<string>;
  quality: ReadonlyMap<string, QualityWord>;
  /** Others' pictures (track sids) that stopped moving (connection-state.ts). */
  still: ReadonlySet<string>;
  me: { microphone: boolean; hand: boolean; quality: QualityWord | undefined; mirror: boolean };
  pinned: string | null;
  onPin: (key: string | null) => void;
}

const StageContext = createContext<StageState | null>(null);
const HostsContext = createContext<TileHosts | null>(null);

function useStage(): StageState {
  const stage = useContext(StageContext);
  if (!stage) throw new Error('a tile outside the stage');
  return stage;
}

interface Tile extends StageTile {
  ref: TrackRef;
}

const tileKey = (ref: TrackRef) =>
  `${ref.participant.identity}-${ref.source === Track.Source.ScreenShare ? 'screen' : 'camera'}`;

/** Shared screens, and everyone's camera (a tile for a camera that is off, too). */
const PICTURES: readonly SourceWanted[] = [
  { source: Track.Source.ScreenShare },
  { source: Track.Source.Camera, placeholder: true },
];
const MICROPHONES: readonly SourceWanted[] = [{ source: Track.Source.Microphone }];
const SOUNDS: readonly SourceWanted[] = [
  { source: Track.Source.Microphone },
  { source: Track.Source.ScreenShareAudio },
  { source: Track.Source.Unknown },
];

export interface VideoStageProps {
  call: CallView;
  mode: LayoutMode;
  /**
   * A presented document (the PDF presentation) takes the focus, with a strip of people;
   * a shared screen takes the same place when there is no document.
   */
  stageFocus?: ReactNode;
}

/**
 * The call's pictures: a grid that fits the window, or one picture large (pinned, a shared
 * screen or document, or whoever speaks) with a strip of the others; my own picture small.
 * Only a verified person's video is attached to an element: anyone else gets a tile that
 * says honestly why nothing is shown.
 */
export function VideoStage({ call, mode, stageFocus }: VideoStageProps) {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const [pinned, setPinned] = useState<string | null>(null);
  const [speaker, setSpeaker] = useState<string | null>(null);
  const refs = useTrackRefs(call.room, PICTURES);
  const microphoneRefs = useTrackRefs(call.room, MICROPHONES);
  const speakers = useSpeakers(call.room);

  const tiles = useMemo(() => {
    const list: Tile[] = [];
    for (const ref of refs) {
      const local = ref.participant.isLocal;
      const person = call.people.get(ref.participant.identity);
      if (!local && !person) continue; // sent out, or not known: not shown at all
      // My own shared screen is not shown to me.
      if (local && ref.source === Track.Source.ScreenShare) continue;
      list.push({
        key: tileKey(ref),
        identity: ref.participant.identity,
        source: ref.source === Track.Source.ScreenShare ? 'screen' : 'camera',
        local,
        trusted: local || person?.trust === 'verified',
        ref,
      });
    }
    return list;
  }, [refs, call.people]);

  const eligible = useMemo(
    () =>
      new Set(
        tiles
          .filter((tile) => !tile.local && tile.trusted && tile.source === 'camera')
          .map((tile) => tile.identity),
      ),
    [tiles],
  );
  // Derived from the last render: who speaks now, or who spoke last.
  const next = nextSpeaker(
    speaker,
    speakers.map((participant) => participant.identity),
    eligible,
  );
  if (next !== speaker) setSpeaker(next);

  const plan = planStage({
    tiles,
    mode,
    pinned,
    presentation: stageFocus !== undefined && stageFocus !== null,
    speaker: next,
    selfInCorner: narrow,
  });

  const state = useMemo<StageState>(() => {
    const microphones = new Set<string>();
    for (const ref of microphoneRefs) {
      if (ref.publication && !ref.publication.isMuted) microphones.add(ref.participant.identity);
    }
    return {
      people: call.people,
      speaking: new Set(
        speakers
          .filter((p) => p.isLocal || call.people.get(p.identity)?.trust === 'verified')
          .map((p) => p.identity),
      ),
      microphones,
      quality: call.connection?.people ?? new Map(),
      still: call.connection?.stillPictures ?? new Set(),
      me: {
        microphone: call.microphone,
        hand: call.hand,
        quality: call.connection?.me,
        // The camera turned to the room (a look into the home) is not mirrored.
        mirror: !call.homeViewActive,
      },
      pinned,
      onPin: setPinned,
    };
  }, [
    call.people,
    call.connection,
    call.microphone,
    call.hand,
    call.homeViewActive,
    microphoneRefs,
    speakers,
    pinned,
  ]);

  // Every tile on the stage, rendered once wherever the layout puts it (tile-hosts.ts).
  const [hosts] = useState(
    () =>
      new TileHosts(() => {
        const host = document.createElement('div');
        host.className = 'tile-host';
        return host;
      }),
  );
  const onStage = [
    ...(plan.kind === 'grid' ? plan.tiles : [...(plan.focus ? [plan.focus] : []), ...plan.strip]),
    ...(plan.self ? [plan.self] : []),
  ];
  const large = plan.kind === 'focus' ? plan.focus?.key : undefined;
  const onStageKeys = onStage.map((tile) => tile.key).join('\n');
  useEffect(() => hosts.settle(new Set(onStageKeys.split('\n'))), [hosts, onStageKeys]);
  const parking = useCallback(
    (element: HTMLDivElement | null) => hosts.setParking(element),
    [hosts],
  );

  const noOneElse = !tiles.some((tile) => !tile.local);
  return (
    <StageContext.Provider value={state}>
      <HostsContext.Provider value={hosts}>
        <div className="stage" data-layout={plan.kind}>
          {noOneElse && (
            <p className="stage-waiting" role="status">
              {t('call.waiting')}
            </p>
          )}
          {plan.kind === 'grid' ? (
            plan.tiles.length > 0 && <StageGrid tiles={plan.tiles} speaking={state.speaking} />
          ) : (
            <div className="stage-focus-layout">
              <div className="stage-focus" role="group" aria-label={t('screen.stage.focus')}>
                {plan.focus ? (
                  <TileSlot key={plan.focus.key} tileKey={plan.focus.key} />
                ) : (
                  stageFocus
                )}
              </div>
              {plan.strip.length > 0 && <StageStrip tiles={plan.strip} speaking={state.speaking} />}
            </div>
          )}
          {plan.self && (
            <div className="self-view">
              <TileSlot key={plan.self.key} tileKey={plan.self.key} />
            </div>
          )}
          <div className="stage-parking" hidden ref={parking} />
        </div>
        {onStage.map((tile) =>
          createPortal(
            <TileView trackRef={tile.ref} large={tile.key === large} />,
            hosts.host(tile.key),
            tile.key,
          ),
        )}
      </HostsContext.Provider>
    </StageContext.Provider>
  );
}

/**
 * A place in a layout for one tile. The tile itself is rendered once by the stage; the slot
 * takes its element in, and lets it go to the next slot when the layout changes.
 */
function TileSlot({ tileKey: key }: { tileKey: string }) {
  const hosts = useContext(HostsContext);
  const slot = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = slot.current;
    if (!hosts || !element) return;
    hosts.place(key, element);
    return () => hosts.release(key, element);
  }, [hosts, key]);
  return <div ref={slot} className="tile-slot" />;
}

/**
 * The people beside (or, on a phone, under) what is in focus, in a row that scrolls, in a
 * stable order with whoever speaks moved into the part in view (`stableOrder`).
 *
 * Not LiveKit's `CarouselLayout`: it measures the scroll bar on every render, by adding an
 * element to the page and reading its width twice, which lays out the whole page twice
 * over. The stage renders on every page turn and whenever someone starts or stops
 * speaking, and this was the largest item in the viewer's longest frame as a presentation
 * began (a profile of eight starts). Here the strip's own size, from a ResizeObserver, says how
 * many pictures are in view; the scroll bar is left out of it.
 */
function StageStrip({ tiles, speaking }: { tiles: Tile[]; speaking: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const element = useRef<HTMLElement>(null);
  const inView = useTilesInView(element, tiles.length);
  const ordered = useStableOrder(tiles, inView, speaking);
  return (
    <aside ref={element} className="stage-strip" aria-label={t('screen.stage.strip')}>
      {ordered.map((key) => (
        <TileSlot key={key} tileKey={key} />
      ))}
    </aside>
  );
}

/**
 * The tiles' keys in `stableOrder`, remembered from one render to the next. A speaking
 * camera counts by its person; a shared screen never jumps forward for its sharer's voice.
 */
function useStableOrder(
  tiles: readonly Tile[],
  inView: number,
  speaking: ReadonlySet<string>,
): string[] {
  const [previous, setPrevious] = useState<string[]>([]);
  const speakingKeys = new Set(
    tiles
      .filter((tile) => tile.source === 'camera' && speaking.has(tile.identity))
      .map((tile) => tile.key),
  );
  const order = stableOrder(
    previous,
    tiles.map((tile) => tile.key),
    inView,
    speakingKeys,
  );
  // Kept for the next render (React renders again at once; the order then stays as it is).
  if (order.join('\n') !== previous.join('\n')) setPrevious(order);
  return order;
}

/** The strip's pictures are 16:9 (call-screen.css), a column beside the focus or a row under it. */
function useTilesInView(element: RefObject<HTMLElement | null>, count: number): number {
  const { width, height } = useElementSize(element);
  // Not laid out yet: all of them, until the strip has a size.
  if (width === 0 && height === 0) return count;
  const fits =
    height >= width
      ? height / Math.max(width * (9 / 16), 1)
      : width / Math.max(height * (16 / 9), 1);
  return Math.max(1, Math.floor(fits));
}

/** Everyone the same size: a grid that suits the stage (`chooseGrid`), pages beyond what fits. */
function StageGrid({ tiles, speaking }: { tiles: Tile[]; speaking: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  const { width, height } = useElementSize(element);
  const layout = chooseGrid(CALL_GRID_LAYOUTS, tiles.length, width, height);
  const pageCount = Math.max(1, Math.ceil(tiles.length / layout.maxTiles));
  const [chosenPage, setPage] = useState(1);
  const page = Math.min(chosenPage, pageCount);
  // Whoever speaks comes onto the first page; a later page shows what follows in that order.
  const ordered = useStableOrder(tiles, layout.maxTiles, speaking);
  const shown = ordered.slice((page - 1) * layout.maxTiles, page * layout.maxTiles);
  const previousPage = () => setPage(Math.max(1, page - 1));
  const nextPage = () => setPage(Math.min(pageCount, page + 1));
  const swipeStart = useRef<number | null>(null);
  return (
    <div className="stage-grid-wrap">
      <div
        ref={element}
        className="stage-grid"
        role="group"
        aria-label={t('screen.stage.grid')}
        data-single={layout.maxTiles === 1}
        style={{ '--grid-columns': layout.columns, '--grid-rows': layout.rows } as CSSProperties}
        onTouchStart={(event) => {
          swipeStart.current = event.touches[0]?.clientX ?? null;
        }}
        onTouchEnd={(event) => {
          const start = swipeStart.current;
          const end = event.changedTouches[0]?.clientX;
          swipeStart.current = null;
          if (start === null || end === undefined) return;
          // A swipe to the left shows the next page, as a phone's pages do.
          if (start - end > SWIPE_PX) nextPage();
          else if (end - start > SWIPE_PX) previousPage();
        }}
      >
        {shown.map((key) => (
          <TileSlot key={key} tileKey={key} />
        ))}
      </div>
      {pageCount > 1 && (
        <div className="stage-pages">
          <button
            type="button"
            className="icon-button"
            aria-label={t('screen.stage.previous')}
            disabled={page <= 1}
            onClick={previousPage}
          >
            <ChevronIcon direction="left" />
          </button>
          <span>{t('screen.stage.page', { page, count: pageCount })}</span>
          <button
            type="button"
            className="icon-button"
            aria-label={t('screen.stage.next')}
            disabled={page >= pageCount}
            onClick={nextPage}
          >
            <ChevronIcon direction="right" />
          </button>
        </div>
      )}
    </div>
  );
}

/** How far a finger must move across the grid to turn its page. */
const SWIPE_PX = 50;

/**
 * One picture with its name, microphone-off and hand marks, the line's bars, and a button
 * to show it large.
 */
function TileView({ trackRef: ref, large }: { trackRef: TrackRef; large: boolean }) {
  const stage = useStage();
  const { t } = useTranslation();
  const local = ref.participant.isLocal;
  const identity = ref.participant.identity;
  const person = local ? null : stage.people.get(identity);
  if (!local && !person) return null;
  const trust = person?.trust ?? 'verified';
  const screen = ref.source === Track.Source.ScreenShare;
  const who = local ? t('call.you') : (person?.name ?? t('call.other'));
  const label = screen ? `${who} – ${t('call.screenOf')}` : who;
  // Not subscribed: let go of (a withdrawn camera, say), though frames may still arrive.
  const publication = ref.publication;
  const showVideo =
    trust === 'verified' &&
    publication !== undefined &&
    !publication.isMuted &&
    (local || publication.isSubscribed);
  // A picture that stopped moving while the voice goes on: the server paused it for my line,
  // or theirs carries none. Its last frame stays on screen, so say so rather than let a
  // still picture pass for a live one. (A tile the app itself stopped receiving, for sound
  // only, shows no video at all.)
  const paused =
    showVideo &&
    !local &&
    (publication.track?.streamState === Track.StreamState.Paused ||
      stage.still.has(publication.trackSid));
  const speaking = !screen && stage.speaking.has(identity);
  const microphoneOff =
    !screen &&
    trust === 'verified' &&
    !(local ? stage.me.microphone : stage.microphones.has(identity));
  const hand = !screen && (local ? stage.me.hand : (person?.hand ?? false));
  const quality = screen ? undefined : local ? stage.me.quality : stage.quality.get(identity);
  const key = tileKey(ref);
  const pinned = stage.pinned === key;
  const canPin = !local && trust === 'verified';

  return (
    <figure
      className={local ? 'tile tile-local' : 'tile'}
      data-trust={trust}
      data-source={screen ? 'screen' : 'camera'}
      data-speaking={speaking}
      data-large={large}
      data-mirror={local && !screen && stage.me.mirror}
      data-paused={paused}
    >
      {showVideo ? (
        <VideoTrackView
          track={publication.track}
          aria-label={t('call.videoOf', { who: label })}
          muted
          playsInline
        />
      ) : (
        <div className="tile-placeholder">
          <span className="tile-initial" aria-hidden="true">
            {trust === 'verified' ? (who.trim()[0] ?? '?').toUpperCase() : <CameraIcon off />}
          </span>
          <span className="tile-state">
            {trust !== 'verified'
              ? t(`call.trust.${trust}`)
              : screen
                ? null // a screen she just stopped sharing: no "camera off" for the moment it shows
                : t('call.cameraOff')}
          </span>
        </div>
      )}
      {paused && <p className="tile-paused">{t('call.picturePaused')}</p>}
      <figcaption>
        {microphoneOff && (
          <span className="tile-mark" role="img" aria-label={t('screen.stage.micOff')}>
            <MicrophoneIcon off size={16} />
          </span>
        )}
        <span className="tile-name">{label}</span>
        {quality && (
          <span
            className="tile-quality"
            data-quality={quality}
            role="img"
            aria-label={
              local
                ? t('connection.quality.mine', { quality: t(`connection.quality.${quality}`) })
                : t('connection.quality.of', { who, quality: t(`connection.quality.${quality}`) })
            }
          >
            <SignalBars bars={barsFor(quality)} />
          </span>
        )}
      </figcaption>
      {hand && (
        <span className="tile-hand" role="img" aria-label={t('screen.stage.handUp', { who })}>
          <HandIcon size={20} />
        </span>
      )}
      {canPin && (
        <button
          type="button"
          className="tile-pin icon-button"
          aria-pressed={pinned}
          aria-label={t('screen.stage.pin', { who: label })}
          onClick={() => stage.onPin(pinned ? null : key)}
        >
          <PinIcon />
        </button>
      )}
    </figure>
  );
}

/**
 * Plays the microphones and screen audio of verified people only. (LiveKit's own
 * RoomAudioRenderer would play every subscribed track.)
 */
export function VerifiedAudio({ call }: { call: CallView }) {
  const tracks = useTrackRefs(call.room, SOUNDS).flatMap((ref) =>
    ref.publication?.track &&
    !ref.participant.isLocal &&
    ref.publication.kind === Track.Kind.Audio &&
    ref.publication.isSubscribed && // let go of (withdrawn) though still arriving
    call.people.get(ref.participant.identity)?.trust === 'verified'
      ? [
          {
            key: `${ref.participant.identity}-${ref.publication.trackSid}`,
            track: ref.publication.track,
          },
        ]
      : [],
  );
  return (
    <div style={{ display: 'none' }}>
      {tracks.map(({ key, track }) => (
        <AudioTrackView key={key} track={track} />
      ))}
    </div>
  );
}
